#!/usr/bin/env python3
#
# genremote.py: generate both ends of the simple REMOTE procedures
#
# Reads rpc/remote_protocol.x (structs and the procedure enum with its
# @gen/@genserver/@hand/@event notes) and the generated hypervisor driver
# table (core/include/virtplug/driver-tables.h), and writes either
#
#   --server OUT   the daemon's handlers for @gen and @genserver procedures
#                  plus the dispatch table of every served procedure, or
#   --client OUT   the remote plugin's driver functions for @gen procedures
#                  plus REMOTE_CLIENT_GENERATED_ENTRIES, the designated
#                  initializers of those functions for the driver table.
#
# A procedure is simple when its driver member's parameters map onto the
# fields of its _args struct in order (outputs, i.e. pointers to scalars,
# map onto the _ret struct in order) and a single _ret field left over is
# the return value.  Anything else is marked @hand in the .x file.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import argparse
import re
import sys


def parse_protocol(path):
    text = open(path).read()
    structs = {}
    for m in re.finditer(r'struct\s+(\w+)\s*\{(.*?)\};', text, re.S):
        fields = []
        body = re.sub(r'/\*.*?\*/', '', m.group(2), flags=re.S)
        for decl in body.split(';'):
            decl = ' '.join(decl.split())
            if not decl:
                continue
            fm = re.match(r'(.+?)\s*(\*?)\s*(\w+)\s*([<\[].*[>\]])?$', decl)
            ftype = fm.group(1) + (' *' if fm.group(2) else '')
            fields.append((ftype.strip(), fm.group(3), fm.group(4)))
        structs[m.group(1)] = fields
    procs = []
    for m in re.finditer(r'REMOTE_PROC_(\w+)\s*=\s*(\d+)\s*,?\s*'
                         r'(?:/\*\s*@(\w+)\s*(\w*)\s*\*/)?', text):
        procs.append({'name': m.group(1), 'num': int(m.group(2)),
                      'kind': m.group(3), 'member': m.group(4)})
    return structs, procs


def parse_tables(path):
    members = {}
    text = open(path).read()
    start = text.index('struct _virHypervisorDriver {')
    end = text.index('};', start)
    for m in re.finditer(r'^\s*(.+?)\(\*(\w+)\)\((.*)\);',
                         text[start:end], re.M):
        params = []
        for p in m.group(3).split(','):
            p = p.strip()
            pm = re.match(r'(.*?)(\w+)$', p)
            params.append((' '.join(pm.group(1).split()), pm.group(2)))
        members[m.group(2)] = (' '.join(m.group(1).split()), params)
    return members


def camel(name):
    return ''.join(w.capitalize() for w in name.lower().split('_'))


OBJECTS = {
    'virConnectPtr': None,
    'virDomainPtr': 'remote_nonnull_domain',
    'virDomainSnapshotPtr': 'remote_nonnull_domain_snapshot',
}
SCALAR_OUT = re.compile(r'^(int|unsigned int|unsigned long|unsigned long long|'
                        r'long long) \*$')


class Proc:
    def __init__(self, proc, structs, members):
        self.name = proc['name']
        self.num = proc['num']
        self.member = proc['member']
        lower = self.name.lower()
        self.args_type = 'remote_%s_args' % lower
        self.ret_type = 'remote_%s_ret' % lower
        self.args = structs.get(self.args_type)
        self.ret = structs.get(self.ret_type)
        if self.args is None:
            self.args_type = None
        if self.ret is None:
            self.ret_type = None
        if self.member not in members:
            sys.exit('genremote: no driver member %s for %s' %
                     (self.member, self.name))
        self.rettype, params = members[self.member]
        self.api = 'vir' + self.member[0].upper() + self.member[1:]
        self.params = params
        self.self_type = params[0][0]
        self.inputs = []
        self.outputs = []
        for ptype, pname in params:
            if ptype == 'virConnectPtr':
                continue
            if SCALAR_OUT.match(ptype):
                self.outputs.append((ptype[:-2], pname))
            else:
                self.inputs.append((ptype, pname))
        afields = list(self.args or [])
        rfields = list(self.ret or [])
        if len(afields) != len(self.inputs):
            sys.exit('genremote: %s: %d inputs but %d args fields' %
                     (self.name, len(self.inputs), len(afields)))
        self.in_map = list(zip(self.inputs, afields))
        if len(rfields) < len(self.outputs):
            sys.exit('genremote: %s: too few ret fields' % self.name)
        self.out_map = list(zip(self.outputs, rfields[:len(self.outputs)]))
        left = rfields[len(self.outputs):]
        if len(left) > 1:
            sys.exit('genremote: %s: ret fields left over' % self.name)
        self.ret_field = left[0] if left else None
        if self.ret_field is None and self.rettype != 'int':
            sys.exit('genremote: %s returns %s but has no ret field' %
                     (self.name, self.rettype))

    def failed(self, var):
        if self.rettype.endswith('*') or self.rettype.endswith('Ptr'):
            return '!%s' % var
        if self.rettype in ('unsigned long', 'unsigned long long'):
            return '%s == 0' % var
        return '%s < 0' % var


def xdr(name):
    return 'VIR_XDRPROC(xdr_%s)' % name if name else 'NULL'


# ---- daemon side ----

def server_input(ptype, field):
    ftype, fname, _ = field
    ref = 'args->%s' % fname
    if ftype == 'remote_nonnull_domain':
        return None
    if ftype == 'remote_nonnull_domain_snapshot':
        return None
    if ftype == 'remote_string':
        return '%s ? *%s : NULL' % (ref, ref)
    if ftype == 'remote_uuid':
        return '(const unsigned char *)%s' % ref
    return ref


def gen_server_proc(p, out):
    w = out.append
    fn = 'remoteDispatch' + camel(p.name)
    w('static int')
    w('%s(virNetServerClient *client,' % fn)
    w('%sconst virNetMessageHeader *hdr G_GNUC_UNUSED,' % (' ' * (len(fn) + 1)))
    w('%svoid *argsp G_GNUC_UNUSED,' % (' ' * (len(fn) + 1)))
    w('%svoid *retp G_GNUC_UNUSED)' % (' ' * (len(fn) + 1)))
    w('{')
    if p.args_type:
        w('    %s *args = argsp;' % p.args_type)
    if p.ret_type:
        w('    %s *ret = retp;' % p.ret_type)
    w('    virConnectPtr conn = remoteClientGetConnection(client);')
    objs = []
    callargs = []
    for (ptype, pname), field in p.in_map:
        if ptype in OBJECTS and OBJECTS[ptype]:
            var = 'obj_' + pname
            objs.append((ptype, var, field[1]))
            w('    %s %s = NULL;' % (ptype, var))
            callargs.append(var)
        else:
            callargs.append(server_input(ptype, field))
    outvars = []
    for (otype, oname), field in p.out_map:
        w('    %s out_%s = 0;' % (otype, oname))
        outvars.append(('out_' + oname, field))
    if p.ret_field:
        w('    %s result;' % p.rettype)
    else:
        w('    int result;')
    if objs:
        w('    virErrorPtr saved = NULL;')
    w('    int rv = -1;')
    w('')
    w('    if (!conn)')
    w('        return -1;')
    for ptype, var, fname in objs:
        getter = ('remoteGetDomain' if ptype == 'virDomainPtr'
                  else 'remoteGetDomainSnapshot')
        w('    if (!(%s = %s(conn, &args->%s)))' % (var, getter, fname))
        w('        goto cleanup;')
    params = []
    ai = iter(callargs)
    oi = iter(outvars)
    for ptype, pname in p.params:
        if ptype == 'virConnectPtr':
            params.append('conn')
        elif SCALAR_OUT.match(ptype):
            params.append('&' + next(oi)[0])
        else:
            params.append(next(ai))
    w('    result = %s(%s);' % (p.api, ', '.join(params)))
    w('    if (%s)' % p.failed('result'))
    w('        goto cleanup;')
    for var, field in outvars:
        w('    ret->%s = %s;' % (field[1], var))
    if p.ret_field:
        ftype, fname, _ = p.ret_field
        if ftype == 'remote_nonnull_domain':
            w('    remoteMakeDomain(&ret->%s, result);' % fname)
            w('    virDomainFree(result);')
        elif ftype == 'remote_nonnull_domain_snapshot':
            w('    remoteMakeDomainSnapshot(&ret->%s, result);' % fname)
            w('    virDomainSnapshotFree(result);')
        elif ftype == 'remote_nonnull_string':
            if p.rettype.startswith('const'):
                w('    ret->%s = g_strdup(result);' % fname)
            else:
                w('    ret->%s = result;' % fname)
        else:
            w('    ret->%s = result;' % fname)
    w('    rv = 0;')
    w('')
    w(' cleanup:')
    if objs:
        # The frees are public calls, which reset the thread's error.
        w('    virErrorPreserveLast(&saved);')
        for ptype, var, _ in reversed(objs):
            free = ('virDomainFree' if ptype == 'virDomainPtr'
                    else 'virDomainSnapshotFree')
            w('    if (%s)' % var)
            w('        %s(%s);' % (free, var))
        w('    virErrorRestore(&saved);')
    w('    return rv;')
    w('}')
    w('')
    w('')


def gen_server(structs, procs, members, out):
    w = out.append
    w('/* Generated by rpc/genremote.py from rpc/remote_protocol.x: do not edit. */')
    w('')
    served = []
    for p in procs:
        if p['kind'] in ('gen', 'genserver'):
            gp = Proc(p, structs, members)
            gen_server_proc(gp, out)
        if p['kind'] in ('gen', 'genserver', 'hand'):
            lower = p['name'].lower()
            a = 'remote_%s_args' % lower
            r = 'remote_%s_ret' % lower
            served.append((p, a if a in structs else None,
                           r if r in structs else None))
    top = max(p['num'] for p, _, _ in served)
    w('/* Indexed by procedure number; a hole is an unknown procedure. */')
    w('const virNetServerProcedure remoteProcedures[REMOTE_NPROCEDURES] = {')
    for p, a, r in served:
        w('    [REMOTE_PROC_%s] = {' % p['name'])
        w('        .func = remoteDispatch%s,' % camel(p['name']))
        if a:
            w('        .argsFilter = %s,' % xdr(a))
            w('        .argsSize = sizeof(%s),' % a)
        if r:
            w('        .retFilter = %s,' % xdr(r))
            w('        .retSize = sizeof(%s),' % r)
        w('    },')
    w('};')


def gen_server_decls(structs, procs, members, out):
    w = out.append
    w('/* Generated by rpc/genremote.py from rpc/remote_protocol.x: do not edit.')
    w(' * The daemon handlers written by hand. */')
    w('#pragma once')
    w('')
    top = max(p['num'] for p in procs
              if p['kind'] in ('gen', 'genserver', 'hand'))
    w('/* Length of remoteProcedures: the highest served number + 1. */')
    w('#define REMOTE_NPROCEDURES %d' % (top + 1))
    w('')
    for p in procs:
        if p['kind'] == 'hand':
            w('int remoteDispatch%s(virNetServerClient *client,' % camel(p['name']))
            w('    const virNetMessageHeader *hdr, void *argsp, void *retp);')


# ---- client side ----

def gen_client_proc(p, out):
    w = out.append
    fn = 'remote' + p.member[0].upper() + p.member[1:]
    decl = ', '.join('%s%s%s' % (t, '' if t.endswith('*') else ' ', n)
                     for t, n in p.params)
    rt = p.rettype
    w('static %s' % rt)
    w('%s(%s)' % (fn, decl))
    w('{')
    first_type, first_name = p.params[0]
    if first_type == 'virConnectPtr':
        if first_name != 'conn':
            w('    virConnectPtr conn = %s;' % first_name)
    elif first_type == 'virDomainPtr':
        w('    virConnectPtr conn = virDomainGetConnect(%s);' % first_name)
    else:
        w('    virConnectPtr conn = virDomainSnapshotGetConnect(%s);' % first_name)
    if p.args_type:
        w('    %s args;' % p.args_type)
    if p.ret_type:
        w('    %s ret;' % p.ret_type)
    for (ptype, pname), field in p.in_map:
        if field[0] == 'remote_string':
            w('    char *str_%s = (char *)%s;' % (pname, pname))
    if p.ret_field:
        if rt.endswith('*') and not rt.startswith('const') or rt.endswith('Ptr'):
            w('    %s rv = NULL;' % rt)
        else:
            w('    %s rv;' % rt)
    w('')
    if p.args_type:
        w('    memset(&args, 0, sizeof(args));')
    if p.ret_type:
        w('    memset(&ret, 0, sizeof(ret));')
    for (ptype, pname), field in p.in_map:
        ftype, fname, _ = field
        if ftype == 'remote_nonnull_domain':
            w('    remoteMakeDomainArg(&args.%s, %s);' % (fname, pname))
        elif ftype == 'remote_nonnull_domain_snapshot':
            w('    remoteMakeDomainSnapshotArg(&args.%s, %s);' % (fname, pname))
        elif ftype == 'remote_nonnull_string':
            w('    args.%s = (char *)%s;' % (fname, pname))
        elif ftype == 'remote_string':
            w('    args.%s = %s ? &str_%s : NULL;' % (fname, pname, pname))
        elif ftype == 'remote_uuid':
            w('    memcpy(args.%s, %s, VIR_UUID_BUFLEN);' % (fname, pname))
        else:
            w('    args.%s = %s;' % (fname, pname))
    fail = {'int': '-1', 'unsigned long': '0', 'unsigned long long': '0'}.get(
        rt, 'NULL')
    w('    if (remoteCall(conn, REMOTE_PROC_%s,' % p.name)
    w('                   %s, %s,' % (xdr(p.args_type),
                                      '&args' if p.args_type else 'NULL'))
    w('                   %s, %s) < 0)' % (xdr(p.ret_type),
                                          '&ret' if p.ret_type else 'NULL'))
    w('        return %s;' % fail)
    # The public API lets a caller pass NULL for an output it does not
    # want (virDomainGetState's reason, for one), so every store is guarded.
    for (otype, oname), field in p.out_map:
        w('    if (%s)' % oname)
        w('        *%s = ret.%s;' % (oname, field[1]))
    if p.ret_field:
        ftype, fname, _ = p.ret_field
        if ftype == 'remote_nonnull_domain':
            w('    rv = remoteDomainFromWire(conn, &ret.%s);' % fname)
        elif ftype == 'remote_nonnull_domain_snapshot':
            w('    rv = remoteDomainSnapshotFromWire(conn, &ret.%s);' % fname)
        elif ftype == 'remote_nonnull_string':
            if rt.startswith('const'):
                w('    rv = remoteInternString(conn, ret.%s);' % fname)
            else:
                w('    rv = g_strdup(ret.%s);' % fname)
        else:
            w('    rv = ret.%s;' % fname)
    if p.ret_type:
        w('    xdr_free(%s, (char *)&ret);' % xdr(p.ret_type))
    w('    return %s;' % ('rv' if p.ret_field else '0'))
    w('}')
    w('')
    w('')
    return fn


def gen_client(structs, procs, members, out):
    w = out.append
    w('/* Generated by rpc/genremote.py from rpc/remote_protocol.x: do not edit. */')
    w('')
    entries = []
    for p in procs:
        if p['kind'] == 'gen':
            gp = Proc(p, structs, members)
            entries.append((gp.member, gen_client_proc(gp, out)))
    w('#define REMOTE_CLIENT_GENERATED_ENTRIES \\')
    for member, fn in entries:
        w('    .%s = %s, \\' % (member, fn))
    w('')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--protocol', required=True)
    ap.add_argument('--tables', required=True)
    ap.add_argument('--server')
    ap.add_argument('--server-decls')
    ap.add_argument('--client')
    opts = ap.parse_args()
    structs, procs = parse_protocol(opts.protocol)
    members = parse_tables(opts.tables)
    for path, gen in ((opts.server, gen_server),
                      (opts.server_decls, gen_server_decls),
                      (opts.client, gen_client)):
        if not path:
            continue
        out = []
        gen(structs, procs, members, out)
        with open(path + '.tmp', 'w') as f:
            f.write('\n'.join(out) + '\n')
        import os
        os.replace(path + '.tmp', path)


if __name__ == '__main__':
    main()
