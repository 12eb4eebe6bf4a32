#!/usr/bin/env python3
#
# gendispatch.py: driver tables and public entry points from the public API
#
# The public headers (core/include/libvirt/*.h) say what each function
# takes; core/libvirt_public.syms says in which release it appeared.  From
# the two this script writes
#
#   --tables OUT.h    the SDK driver tables, one member per dispatched
#                     function, in release order: a new API appends its
#                     member at the end of its table, which is what keeps
#                     the plugin ABI stable across minor versions;
#   --dispatch OUT.c  an entry point for every dispatched function that
#                     core/ does not implement by hand (the hand-written
#                     ones are found by scanning the core sources given
#                     with --handwritten).
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import argparse
import os
import re
import sys

# Public functions the core answers itself: no driver table has them.
CORE_ONLY = {
    "virInitialize", "virGetVersion",
    "virConnectOpen", "virConnectOpenReadOnly", "virConnectOpenAuth",
    "virConnectRef", "virConnectGetURI",
    "virConnectSetErrorFunc", "virConnGetLastError", "virConnCopyLastError",
    "virConnResetLastError", "virConnSetErrorFunc",
    "virGetLastError", "virGetLastErrorCode", "virGetLastErrorDomain",
    "virGetLastErrorMessage", "virCopyLastError", "virResetLastError",
    "virSaveLastError", "virFreeError", "virResetError", "virSetErrorFunc",
    "virDefaultErrorFunc",
    "virEventAddHandle", "virEventUpdateHandle", "virEventRemoveHandle",
    "virEventAddTimeout", "virEventUpdateTimeout", "virEventRemoveTimeout",
    "virEventRegisterImpl", "virEventRegisterDefaultImpl",
    "virEventRunDefaultImpl",
    "virConnectRegisterCloseCallback", "virConnectUnregisterCloseCallback",
    "virDomainGetConnect", "virDomainGetName", "virDomainGetUUID",
    "virDomainGetUUIDString", "virDomainGetID", "virDomainRef",
    "virDomainFree", "virDomainLookupByUUIDString",
    "virDomainSnapshotGetName", "virDomainSnapshotGetDomain",
    "virDomainSnapshotGetConnect", "virDomainSnapshotRef",
    "virDomainSnapshotFree",
    "virDomainCheckpointGetName", "virDomainCheckpointGetDomain",
    "virDomainCheckpointGetConnect", "virDomainCheckpointRef",
    "virDomainCheckpointFree",
    "virNetworkGetConnect", "virNetworkGetName", "virNetworkGetUUID",
    "virNetworkGetUUIDString", "virNetworkRef", "virNetworkFree",
    "virNetworkLookupByUUIDString",
    "virNetworkPortGetNetwork", "virNetworkPortGetUUID",
    "virNetworkPortGetUUIDString", "virNetworkPortRef", "virNetworkPortFree",
    "virNetworkPortLookupByUUIDString",
    "virStoragePoolGetConnect", "virStoragePoolGetName",
    "virStoragePoolGetUUID", "virStoragePoolGetUUIDString",
    "virStoragePoolRef", "virStoragePoolFree",
    "virStoragePoolLookupByUUIDString",
    "virStorageVolGetConnect", "virStorageVolGetName", "virStorageVolGetKey",
    "virStorageVolRef", "virStorageVolFree",
    "virSecretGetConnect", "virSecretGetUUID", "virSecretGetUUIDString",
    "virSecretGetUsageType", "virSecretGetUsageID", "virSecretRef",
    "virSecretFree", "virSecretLookupByUUIDString",
    "virNodeDeviceGetName", "virNodeDeviceRef", "virNodeDeviceFree",
    "virInterfaceGetConnect", "virInterfaceGetName", "virInterfaceGetMACString",
    "virInterfaceRef", "virInterfaceFree",
    "virNWFilterGetName", "virNWFilterGetUUID", "virNWFilterGetUUIDString",
    "virNWFilterRef", "virNWFilterFree", "virNWFilterLookupByUUIDString",
    "virNWFilterBindingGetPortDev", "virNWFilterBindingGetFilterName",
    "virNWFilterBindingRef", "virNWFilterBindingFree",
    "virStreamNew", "virStreamRef", "virStreamFree",
    "virStreamSendAll", "virStreamRecvAll", "virStreamSparseSendAll",
    "virStreamSparseRecvAll",
}

# libvirt-common.h's typed-parameter helpers are plain functions too.
CORE_ONLY_PREFIXES = ("virTypedParam",)

# Functions that free plain structs the API hands out.
CORE_ONLY |= {
    "virNetworkDHCPLeaseFree", "virDomainStatsRecordListFree",
    "virDomainFSInfoFree", "virDomainIOThreadInfoFree",
    "virDomainInterfaceFree",
}

# Order matters: the first word found in a virConnect* name picks the table.
TABLE_WORDS = [
    ("NWFilter", "nwfilter"),
    ("NodeDevice", "nodedev"),
    ("StoragePool", "storage"),
    ("StorageVol", "storage"),
    ("Network", "network"),
    ("Secret", "secret"),
    ("Interface", "interface"),
]

TABLES = [
    # key, C type, SDK comment
    ("hypervisor", "virHypervisorDriver", "domains, snapshots and the host"),
    ("network", "virNetworkDriver", "virtual networks and their ports"),
    ("storage", "virStorageDriver", "storage pools and volumes"),
    ("secret", "virSecretDriver", "secrets"),
    ("nodedev", "virNodeDeviceDriver", "host devices"),
    ("interface", "virInterfaceDriver", "host network interfaces"),
    ("nwfilter", "virNWFilterDriver", "network filters and bindings"),
    ("stream", "virStreamDriver", "data streams"),
]

# The member of struct _virConnect (core/datatypes.h) holding each table.
CONN_MEMBER = {
    "hypervisor": "hypervisorDriver",
    "network": "networkDriver",
    "storage": "storageDriver",
    "secret": "secretDriver",
    "nodedev": "nodeDeviceDriver",
    "interface": "interfaceDriver",
    "nwfilter": "nwfilterDriver",
    "stream": "driver",
}

# How to reach the connection from a function's first argument.
OBJECT_CONN = {
    "virConnectPtr": ("Connect", "{0}"),
    "virDomainPtr": ("Domain", "{0}->conn"),
    "virDomainSnapshotPtr": ("DomainSnapshot", "{0}->domain->conn"),
    "virDomainCheckpointPtr": ("DomainCheckpoint", "{0}->domain->conn"),
    "virNetworkPtr": ("Network", "{0}->conn"),
    "virNetworkPortPtr": ("NetworkPort", "{0}->net->conn"),
    "virStoragePoolPtr": ("StoragePool", "{0}->conn"),
    "virStorageVolPtr": ("StorageVol", "{0}->conn"),
    "virSecretPtr": ("Secret", "{0}->conn"),
    "virNodeDevicePtr": ("NodeDevice", "{0}->conn"),
    "virInterfacePtr": ("Interface", "{0}->conn"),
    "virNWFilterPtr": ("NWFilter", "{0}->conn"),
    "virNWFilterBindingPtr": ("NWFilterBinding", "{0}->conn"),
    "virStreamPtr": ("Stream", "{0}->conn"),
}

# Calls that change nothing and so are allowed on read-only connections.
READ_ONLY_RE = re.compile(
    r"(Get|List|Num|Lookup|Is[A-Z]|Has|Stats|EventRegister|EventDeregister|"
    r"Compare|Baseline|SnapshotCurrent|KeepAlive|Alive)")
READ_ONLY_EXCEPTIONS = {
    # libvirt refuses these on read-only connections despite their names.
    "virDomainGetTime", "virDomainGetHostname", "virDomainGetFSInfo",
    "virDomainGetGuestInfo", "virDomainGetGuestVcpus",
    "virDomainGetSecurityLabel", "virDomainGetSecurityLabelList",
    "virDomainGetAuthorizedSSHKeys", "virDomainAuthorizedSSHKeysGet",
    "virDomainGetMessages", "virNetworkGetDHCPLeases",
    "virSecretGetValue", "virDomainGetLaunchSecurityInfo",
    "virConnectGetAllDomainStats",
}


def is_core_only(name):
    return name in CORE_ONLY or name.startswith(CORE_ONLY_PREFIXES)


class Function:
    def __init__(self, ret, name, params):
        self.ret = ret
        self.name = name
        self.params = params            # list of (decl, argname)

    @property
    def member(self):
        base = self.name[3:]
        return base[0].lower() + base[1:]

    @property
    def table(self):
        n = self.name
        if n.startswith("virStream"):
            return "stream"
        if n.startswith("virConnect") or n.startswith("virNode"):
            for word, table in TABLE_WORDS:
                if word in n:
                    return table
            if n in ("virNodeListDevices", "virNodeNumOfDevices"):
                return "nodedev"
            return "hypervisor"
        for word, table in TABLE_WORDS:
            if n.startswith("vir" + word):
                return table
        return "hypervisor"

    @property
    def returns_pointer(self):
        return self.ret.endswith("*") or self.ret.endswith("Ptr")

    @property
    def read_only(self):
        if self.name in READ_ONLY_EXCEPTIONS:
            return False
        return self.table == "stream" or bool(READ_ONLY_RE.search(self.name))


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def split_params(text):
    params, depth, cur = [], 0, ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            params.append(cur)
            cur = ""
        else:
            cur += ch
    if cur.strip():
        params.append(cur)
    return [" ".join(p.split()) for p in params]


def param_name(decl):
    m = re.search(r"\(\s*\*\s*(\w+)\s*\)", decl)
    if m:
        return m.group(1)
    m = re.search(r"(\w+)\s*(\[\s*\w*\s*\])?$", decl)
    if not m:
        raise ValueError("cannot find the parameter name in '%s'" % decl)
    return m.group(1)


DECL_RE = re.compile(
    r"^(?!typedef)([A-Za-z_][\w \t]*?[\s\*]+)(vir\w+)\s*\(([^;{]*?)\)\s*;",
    re.M | re.S)


def parse_headers(paths):
    funcs = {}
    for path in paths:
        with open(path) as f:
            text = strip_comments(f.read())
        text = re.sub(r"^\s*#.*?(?<!\\)$", "", text, flags=re.M)
        for m in DECL_RE.finditer(text):
            ret = " ".join(m.group(1).split()).replace(" *", "*")
            ret = ret.replace("*", " *").replace("  ", " ").strip()
            ret = re.sub(r"\s*\*", " *", ret).replace("* *", "**")
            name = m.group(2)
            raw = split_params(m.group(3))
            if raw == ["void"]:
                raw = []
            params = [(p, param_name(p)) for p in raw]
            if name in funcs:
                raise SystemExit("%s: %s declared twice" % (path, name))
            funcs[name] = Function(ret, name, params)
    return funcs


def parse_syms(path):
    order = []
    node = None
    with open(path) as f:
        for line in f:
            line = line.split("#")[0].strip()
            m = re.match(r"^([\w.]+)\s*\{", line)
            if m:
                node = m.group(1)
                continue
            m = re.match(r"^(?:global:\s*)?(vir\w+)\s*;", line)
            if m and node:
                order.append((m.group(1), node))
    return order


def handwritten(paths):
    names = set()
    for path in paths:
        with open(path) as f:
            for m in re.finditer(r"^(vir\w+)\s*\(", f.read(), re.M):
                names.add(m.group(1))
    return names


def member_decl(fn):
    args = ", ".join(p for p, _ in fn.params) or "void"
    ret = fn.ret
    sep = "" if ret.endswith("*") else " "
    return "    %s%s(*%s)(%s);" % (ret, sep, fn.member, args)


def write_tables(out, funcs, order):
    w = out.write
    w("/* Generated by core/gendispatch.py from the public headers and\n"
      " * core/libvirt_public.syms: do not edit.\n"
      " *\n"
      " * One table per kind of driver, one member per public function that\n"
      " * the core dispatches, named after the function without its 'vir'.\n"
      " * Members are in the order the functions entered libvirt's API, so a\n"
      " * new function only ever appends a member.  Each table starts with its\n"
      " * size: the core treats members past a plugin's size as absent, which\n"
      " * it answers with VIR_ERR_NO_SUPPORT.\n"
      " *\n"
      " * SPDX-License-Identifier: LGPL-2.1-or-later\n"
      " */\n"
      "#ifndef VIRTPLUG_DRIVER_TABLES_H\n"
      "#define VIRTPLUG_DRIVER_TABLES_H\n\n"
      "#include <stddef.h>\n\n"
      "#include <libvirt/libvirt.h>\n"
      "#include <virtplug/driver-types.h>\n\n"
      "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n")
    for key, ctype, _ in TABLES:
        w("typedef struct _%s %s;\n" % (ctype, ctype))
    w("\n")
    for key, ctype, what in TABLES:
        w("/* The %s table: %s. */\n" % (key, what))
        w("struct _%s {\n" % ctype)
        w("    size_t size;        /* sizeof(%s) the plugin was built with */\n"
          % ctype)
        w("    const char *name;   /* shown in errors and logs */\n")
        if key == "hypervisor":
            w("    /* virConnectOpen*(): the URI is virConnectGetParsedURI(conn) */\n")
            w("    virDrvOpenStatus (*connectOpen)(virConnectPtr conn,\n"
              "                                    virConnectAuthPtr auth,\n"
              "                                    unsigned int flags);\n")
        node = None
        for sym, symnode in order:
            fn = funcs.get(sym)
            if not fn or is_core_only(sym) or fn.table != key:
                continue
            if symnode != node:
                w("    /* %s */\n" % symnode)
                node = symnode
            w(member_decl(fn) + "\n")
        w("};\n\n")
    w("#ifdef __cplusplus\n}\n#endif\n\n#endif /* VIRTPLUG_DRIVER_TABLES_H */\n")


def error_value(fn):
    if fn.returns_pointer:
        return "NULL"
    if fn.ret.startswith("unsigned"):
        return "0"
    return "-1"


def write_dispatch(out, funcs, order, written):
    w = out.write
    w("/* Generated by core/gendispatch.py: do not edit.\n"
      " *\n"
      " * Entry points for every public function that the core passes to the\n"
      " * connection's driver unchanged; hand-written entry points live in\n"
      " * core/libvirt-*.c and are left out here.\n"
      " *\n"
      " * SPDX-License-Identifier: LGPL-2.1-or-later\n"
      " */\n"
      "#include <config.h>\n\n"
      "#include \"internal.h\"\n"
      "#include \"datatypes.h\"\n"
      "#include \"virerror.h\"\n"
      "#include \"virlog.h\"\n\n"
      "#define VIR_FROM_THIS VIR_FROM_NONE\n\n")
    for sym, _ in order:
        fn = funcs.get(sym)
        if not fn or is_core_only(sym) or sym in written:
            continue
        firsttype = ""
        if fn.params:
            decl, argname = fn.params[0]
            firsttype = decl[:decl.rfind(argname)].replace("const ", "").strip()
        if firsttype not in OBJECT_CONN:
            raise SystemExit("%s: first argument is not an API object; "
                             "write it by hand in core/" % sym)
        objtype, connexpr = OBJECT_CONN[firsttype]
        first = fn.params[0][1]
        err = error_value(fn)
        table = CONN_MEMBER[fn.table]
        ret = fn.ret
        sep = "" if ret.endswith("*") else " "
        args = ", ".join(p for p, _ in fn.params)
        callargs = ", ".join(n for _, n in fn.params)
        w("%s\n%s(%s)\n{\n" % (ret, sym, args))
        w("    virConnectPtr dispatchConn = NULL;\n\n")
        w("    VIR_DEBUG(\"%s=%%p\", %s);\n" % (first, first))
        w("    virResetLastError();\n\n")
        w("    if (!virCheck%sObject(%s, __func__))\n" % (objtype, first))
        w("        goto error;\n")
        w("    dispatchConn = %s;\n" % connexpr.format(first))
        if not fn.read_only:
            w("    if (virCheckConnectWritable(dispatchConn, __func__) < 0)\n        goto error;\n")
        if fn.table == "stream":
            w("\n    if (%s->driver && %s->driver->%s) {\n"
              % (first, first, fn.member))
            call = "%s->driver->%s(%s)" % (first, fn.member, callargs)
        else:
            w("\n    if (dispatchConn->%s && dispatchConn->%s->%s) {\n"
              % (table, table, fn.member))
            call = "dispatchConn->%s->%s(%s)" % (table, fn.member, callargs)
        w("        %s%sret = %s;\n" % (ret, sep, call))
        if fn.returns_pointer:
            w("        if (!ret)\n            goto error;\n")
        elif fn.member in STREAM_IO_MEMBERS:
            # -2 (would block) and -3 (at a hole) are answers, not errors.
            w("        if (ret == -1)\n            goto error;\n")
        elif err == "-1":
            w("        if (ret < 0)\n            goto error;\n")
        else:
            w("        if (ret == 0)\n            goto error;\n")
        w("        return ret;\n    }\n\n")
        w("    virReportUnsupportedAPI(__func__);\n\n error:\n")
        w("    virDispatchError(dispatchConn);\n    return %s;\n}\n\n" % err)


# Stream transfers whose negative results other than -1 are not errors.
STREAM_IO_MEMBERS = ("streamRecv", "streamSend", "streamRecvFlags")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--syms", required=True)
    ap.add_argument("--headers", nargs="+", required=True)
    ap.add_argument("--handwritten", nargs="*", default=[])
    ap.add_argument("--tables")
    ap.add_argument("--dispatch")
    opts = ap.parse_args()

    funcs = parse_headers(opts.headers)
    order = parse_syms(opts.syms)
    missing = [s for s, _ in order if s not in funcs
               and s != "virConnectAuthPtrDefault"]
    if missing:
        raise SystemExit("declared in the syms file but not in a header: "
                         + ", ".join(missing))
    in_syms = {s for s, _ in order}
    extra = [n for n in funcs if n not in in_syms]
    if extra:
        raise SystemExit("declared in a header but not versioned: "
                         + ", ".join(sorted(extra)))

    def emit(path, writer, *args):
        tmp = path + ".tmp"
        with open(tmp, "w") as out:
            writer(out, funcs, order, *args)
        os.replace(tmp, path)

    if opts.tables:
        emit(opts.tables, write_tables)
    if opts.dispatch:
        written = handwritten(opts.handwritten)
        emit(opts.dispatch, write_dispatch, written)


if __name__ == "__main__":
    sys.exit(main())
