/*
 * qemuchanneltest.c: the state of a running guest's virtio channels, as
 * QEMU's VSERPORT_CHANGE events set it and the live XML shows it
 *
 * A guest with no OS never opens its end of a channel, so the event
 * cannot come from a real QEMU in the suite: the event data QEMU sends
 * is applied to a parsed live definition instead, and the formatted
 * XML is checked.  tests/qemuchannel-virsh.sh checks the rest on a real
 * QEMU (socket path, virtio-serial address, the initial state).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#include <json-c/json.h>

#include "qemu_agent.h"

static const char *liveXML =
    "<domain type='qemu' id='1'>\n"
    "  <name>chan</name>\n"
    "  <uuid>5b1f3c2a-7d4e-4f80-9a1b-2c3d4e5f6a81</uuid>\n"
    "  <memory unit='KiB'>131072</memory>\n"
    "  <os><type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type></os>\n"
    "  <devices>\n"
    "    <controller type='virtio-serial' index='0'/>\n"
    "    <channel type='unix'>\n"
    "      <source mode='bind' path='/run/chan/org.qemu.guest_agent.0'/>\n"
    "      <target type='virtio' name='org.qemu.guest_agent.0' state='disconnected'/>\n"
    "      <alias name='channel0'/>\n"
    "      <address type='virtio-serial' controller='0' bus='0' port='1'/>\n"
    "    </channel>\n"
    "    <channel type='unix'>\n"
    "      <source mode='bind' path='/run/chan/org.example.other'/>\n"
    "      <target type='virtio' name='org.example.other' state='disconnected'/>\n"
    "      <alias name='channel1'/>\n"
    "      <address type='virtio-serial' controller='0' bus='0' port='2'/>\n"
    "    </channel>\n"
    "  </devices>\n"
    "</domain>\n";


static virDomainDef *
testParseLive(void)
{
    virDomainDef *def = virDomainDefParseString(liveXML, 0);

    if (!def)
        g_error("cannot parse the live XML: %s", virGetLastErrorMessage());
    return def;
}


static int
testEvent(virDomainDef *def, const char *json)
{
    json_object *data = json_tokener_parse(json);
    int ret = qemuAgentChannelStateChange(def, data);

    json_object_put(data);
    return ret;
}


static void
testConnectDisconnect(void)
{
    g_autoptr(virDomainDef) def = testParseLive();
    g_autofree char *live = NULL;
    g_autofree char *inactive = NULL;

    g_assert_cmpint(testEvent(def, "{\"id\":\"channel0\",\"open\":true}"), ==, 1);
    live = virDomainDefFormat(def, 0);
    g_assert_nonnull(strstr(live, "name='org.qemu.guest_agent.0' state='connected'"));
    g_assert_nonnull(strstr(live, "name='org.example.other' state='disconnected'"));
    /* the state is live data only */
    inactive = virDomainDefFormat(def, VIR_DOMAIN_DEF_FORMAT_INACTIVE);
    g_assert_null(strstr(inactive, "state="));

    g_assert_cmpint(testEvent(def, "{\"id\":\"channel0\",\"open\":true}"), ==, 0);
    g_assert_cmpint(testEvent(def, "{\"id\":\"channel0\",\"open\":false}"), ==, 1);
    g_clear_pointer(&live, g_free);
    live = virDomainDefFormat(def, 0);
    g_assert_nonnull(strstr(live, "name='org.qemu.guest_agent.0' state='disconnected'"));
}


static void
testLiveRoundTrip(void)
{
    g_autoptr(virDomainDef) def = testParseLive();
    g_autoptr(virDomainDef) again = NULL;
    g_autofree char *live = NULL;

    g_assert_cmpint(testEvent(def, "{\"id\":\"channel1\",\"open\":true}"), ==, 1);
    live = virDomainDefFormat(def, 0);
    /* a daemon restart reads the status XML back with the state */
    again = virDomainDefParseString(live, 0);
    g_assert_nonnull(again);
    g_assert_cmpint(again->channels[1]->state, ==, VIR_DOMAIN_CHR_DEVICE_STATE_CONNECTED);
    g_assert_cmpint(again->channels[0]->state, ==, VIR_DOMAIN_CHR_DEVICE_STATE_DISCONNECTED);
}


static void
testIgnored(void)
{
    g_autoptr(virDomainDef) def = testParseLive();
    g_autoptr(virDomainDef) inactive = NULL;

    g_assert_cmpint(testEvent(def, "{\"id\":\"serial0\",\"open\":true}"), ==, -1);
    g_assert_cmpint(testEvent(def, "{\"id\":\"channel0\"}"), ==, -1);
    g_assert_cmpint(qemuAgentChannelStateChange(def, NULL), ==, -1);
    g_assert_cmpint(def->channels[0]->state, ==, VIR_DOMAIN_CHR_DEVICE_STATE_DISCONNECTED);

    /* a definition keeps no state */
    inactive = virDomainDefParseString(liveXML, VIR_DOMAIN_DEF_PARSE_INACTIVE);
    g_assert_nonnull(inactive);
    g_assert_cmpint(inactive->channels[0]->state, ==, VIR_DOMAIN_CHR_DEVICE_STATE_DEFAULT);
}


int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/qemu/channel/connect-disconnect", testConnectDisconnect);
    g_test_add_func("/qemu/channel/live-roundtrip", testLiveRoundTrip);
    g_test_add_func("/qemu/channel/ignored", testIgnored);
    return g_test_run();
}
