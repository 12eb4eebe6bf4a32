/*
 * rpcframetest.c: the RPC codec fed whatever a hostile peer could send
 *
 * Every case builds bytes by hand, runs them through rpc/virnetframe.c
 * and rpc/virnetmessage.c without any socket, and accepts only a clean
 * decode or a clean error: no crash, no read past the buffer (run it
 * under valgrind or ASan to see the latter), no allocation sized by an
 * unchecked length.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <glib.h>

#include "internal.h"
#include "virerror.h"
#include "virnetframe.h"
#include "virnetmessage.h"
#include "remote_protocol.h"


static void
assertLastError(int code, const char *substring)
{
    virError *err = virErrorGetLast();

    g_assert_nonnull(err);
    g_assert_cmpint(err->code, ==, code);
    if (substring)
        g_assert_nonnull(strstr(err->message, substring));
    virErrorResetLast();
}


/* A message whose buffer holds @len bytes of @bytes, fully "read". */
static virNetMessage *
messageFromBytes(const char *bytes, size_t len)
{
    virNetMessage *msg = virNetMessageNew();

    g_free(msg->buffer);
    msg->buffer = g_memdup2(bytes, len);
    msg->bufferLength = len;
    msg->bufferOffset = len;
    return msg;
}


static void
testLengthBounds(void)
{
    static const struct {
        uint32_t len;
        bool ok;
    } cases[] = {
        { 0, false },
        { 3, false },
        { 4, false },
        { 27, false },
        { 28, true },
        { VIR_NET_MESSAGE_MAX + 4, true },
        { VIR_NET_MESSAGE_MAX + 5, false },
        { 0x7fffffff, false },
        { 0xffffffff, false },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        char buf[4];
        size_t total = 0;
        int rc;

        virNetFrameWriteBE32(buf, cases[i].len);
        rc = virNetFrameDecodeLength(buf, &total);
        if (cases[i].ok) {
            g_assert_cmpint(rc, ==, 0);
            g_assert_cmpuint(total, ==, cases[i].len);
        } else {
            g_assert_cmpint(rc, ==, -1);
            assertLastError(VIR_ERR_RPC, "packet length");
        }
    }
}


static void
testLengthGrowsBuffer(void)
{
    g_autoptr(virNetMessage) msg = virNetMessageNew();

    /* Asking before the 4 bytes arrived is a caller bug, reported. */
    g_assert_cmpint(virNetMessageDecodeLength(msg), ==, -1);
    virErrorResetLast();

    virNetFrameWriteBE32(msg->buffer, 40);
    msg->bufferOffset = 4;
    g_assert_cmpint(virNetMessageDecodeLength(msg), ==, 0);
    g_assert_cmpuint(msg->bufferLength, ==, 40);
}


static void
testHeaderRoundTrip(void)
{
    virNetMessageHeader in = {
        .prog = REMOTE_PROGRAM, .vers = 1, .proc = 273,
        .type = VIR_NET_REPLY, .serial = 0xfffffffe, .status = VIR_NET_ERROR,
    };
    virNetMessageHeader out;
    char buf[VIR_NET_MESSAGE_HEADER_MAX];

    virNetFrameEncodeHeader(buf, &in);
    g_assert_cmpint(virNetFrameDecodeHeader(buf, sizeof(buf), &out), ==, 0);
    g_assert_cmpuint(out.prog, ==, in.prog);
    g_assert_cmpuint(out.vers, ==, in.vers);
    g_assert_cmpint(out.proc, ==, in.proc);
    g_assert_cmpint(out.type, ==, in.type);
    g_assert_cmpuint(out.serial, ==, in.serial);
    g_assert_cmpint(out.status, ==, in.status);
}


static void
testHeaderMalformed(void)
{
    virNetMessageHeader hdr = { .prog = REMOTE_PROGRAM, .vers = 1 };
    virNetMessageHeader out;
    char buf[VIR_NET_MESSAGE_HEADER_MAX] = { 0 };

    g_assert_cmpint(virNetFrameDecodeHeader(buf, 23, &out), ==, -1);
    assertLastError(VIR_ERR_RPC, "too short");

    hdr.type = VIR_NET_MESSAGE_TYPE_LAST;
    virNetFrameEncodeHeader(buf, &hdr);
    g_assert_cmpint(virNetFrameDecodeHeader(buf, sizeof(buf), &out), ==, -1);
    assertLastError(VIR_ERR_RPC, "message type");

    hdr.type = -1;
    virNetFrameEncodeHeader(buf, &hdr);
    g_assert_cmpint(virNetFrameDecodeHeader(buf, sizeof(buf), &out), ==, -1);
    assertLastError(VIR_ERR_RPC, "message type");

    hdr.type = VIR_NET_CALL;
    hdr.status = VIR_NET_MESSAGE_STATUS_LAST;
    virNetFrameEncodeHeader(buf, &hdr);
    g_assert_cmpint(virNetFrameDecodeHeader(buf, sizeof(buf), &out), ==, -1);
    assertLastError(VIR_ERR_RPC, "Unexpected message status");
}


/* Encode a DOMAIN_LOOKUP_BY_NAME call for @name; caller frees. */
static virNetMessage *
encodeLookup(const char *name)
{
    virNetMessage *msg = virNetMessageNew();
    remote_domain_lookup_by_name_args args = { .name = (char *)name };

    msg->header.prog = REMOTE_PROGRAM;
    msg->header.vers = REMOTE_PROTOCOL_VERSION;
    msg->header.proc = REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME;
    msg->header.type = VIR_NET_CALL;
    g_assert_cmpint(virNetMessageEncode(msg,
                        VIR_XDRPROC(xdr_remote_domain_lookup_by_name_args),
                        &args), ==, 0);
    return msg;
}


static void
testPayloadRoundTrip(void)
{
    g_autoptr(virNetMessage) sent = encodeLookup("test");
    g_autoptr(virNetMessage) got = messageFromBytes(sent->buffer,
                                                    sent->bufferLength);
    remote_domain_lookup_by_name_args args = { 0 };

    /* 28 bytes of frame, 4 of length, "test" */
    g_assert_cmpuint(sent->bufferLength, ==, 36);
    g_assert_cmpuint(virNetFrameReadBE32(sent->buffer), ==, 36);
    g_assert_cmpint(virNetMessageDecodeHeader(got), ==, 0);
    g_assert_cmpint(got->header.proc, ==, REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME);
    g_assert_cmpint(virNetMessageDecodePayload(got,
                        VIR_XDRPROC(xdr_remote_domain_lookup_by_name_args),
                        &args), ==, 0);
    g_assert_cmpstr(args.name, ==, "test");
    xdr_free(VIR_XDRPROC(xdr_remote_domain_lookup_by_name_args), (char *)&args);
}


static void
testPayloadTruncated(void)
{
    g_autoptr(virNetMessage) sent = encodeLookup("truncated");
    size_t cut;

    /* Every shorter packet whose length word tells the truth. */
    for (cut = VIR_NET_FRAME_MIN; cut < sent->bufferLength; cut++) {
        g_autoptr(virNetMessage) got = messageFromBytes(sent->buffer, cut);
        remote_domain_lookup_by_name_args args = { 0 };

        virNetFrameWriteBE32(got->buffer, cut);
        g_assert_cmpint(virNetMessageDecodeHeader(got), ==, 0);
        g_assert_cmpint(virNetMessageDecodePayload(got,
                            VIR_XDRPROC(xdr_remote_domain_lookup_by_name_args),
                            &args), ==, -1);
        xdr_free(VIR_XDRPROC(xdr_remote_domain_lookup_by_name_args), (char *)&args);
        assertLastError(VIR_ERR_RPC, "Unable to decode message payload");
    }
}


static void
testPayloadTrailing(void)
{
    g_autoptr(virNetMessage) sent = encodeLookup("x");
    g_autofree char *bytes = g_malloc0(sent->bufferLength + 4);
    g_autoptr(virNetMessage) got = NULL;
    remote_domain_lookup_by_name_args args = { 0 };

    memcpy(bytes, sent->buffer, sent->bufferLength);
    virNetFrameWriteBE32(bytes, sent->bufferLength + 4);
    got = messageFromBytes(bytes, sent->bufferLength + 4);
    g_assert_cmpint(virNetMessageDecodeHeader(got), ==, 0);
    g_assert_cmpint(virNetMessageDecodePayload(got,
                        VIR_XDRPROC(xdr_remote_domain_lookup_by_name_args),
                        &args), ==, -1);
    xdr_free(VIR_XDRPROC(xdr_remote_domain_lookup_by_name_args), (char *)&args);
    assertLastError(VIR_ERR_RPC, "Unable to decode message payload");
}


/* A packet of frame + @payload words. */
static virNetMessage *
packetWithWords(const uint32_t *words, size_t nwords)
{
    size_t len = VIR_NET_FRAME_MIN + nwords * 4;
    g_autofree char *bytes = g_malloc0(len);
    virNetMessageHeader hdr = { .prog = REMOTE_PROGRAM, .vers = 1 };
    virNetMessage *msg;
    size_t i;

    virNetFrameEncodeLength(bytes, len);
    virNetFrameEncodeHeader(bytes + 4, &hdr);
    for (i = 0; i < nwords; i++)
        virNetFrameWriteBE32(bytes + VIR_NET_FRAME_MIN + i * 4, words[i]);
    msg = messageFromBytes(bytes, len);
    g_assert_cmpint(virNetMessageDecodeHeader(msg), ==, 0);
    return msg;
}


static void
testStringOversized(void)
{
    /* A string declared one byte over REMOTE_STRING_MAX, then a string
     * declared far longer than the packet. */
    const uint32_t overMax[] = { REMOTE_STRING_MAX + 1, 0x41414141 };
    const uint32_t overPacket[] = { 1000, 0x41414141 };
    const uint32_t hugeLen[] = { 0xffffffff };
    const uint32_t *cases[] = { overMax, overPacket, hugeLen };
    const size_t sizes[] = { 2, 2, 1 };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(virNetMessage) msg = packetWithWords(cases[i], sizes[i]);
        remote_domain_lookup_by_name_args args = { 0 };

        g_assert_cmpint(virNetMessageDecodePayload(msg,
                            VIR_XDRPROC(xdr_remote_domain_lookup_by_name_args),
                            &args), ==, -1);
        xdr_free(VIR_XDRPROC(xdr_remote_domain_lookup_by_name_args), (char *)&args);
        assertLastError(VIR_ERR_RPC, NULL);
    }
}


static void
testArrayOversized(void)
{
    /* CONNECT_LIST_ALL_DOMAINS reply claiming more domains than the
     * protocol allows, and more than the packet holds. */
    const uint32_t overMax[] = { REMOTE_DOMAIN_LIST_MAX + 1, 0 };
    const uint32_t overPacket[] = { 3, 0 };
    const uint32_t *cases[] = { overMax, overPacket };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(virNetMessage) msg = packetWithWords(cases[i], 2);
        remote_connect_list_all_domains_ret ret = { 0 };

        g_assert_cmpint(virNetMessageDecodePayload(msg,
                            VIR_XDRPROC(xdr_remote_connect_list_all_domains_ret),
                            &ret), ==, -1);
        xdr_free(VIR_XDRPROC(xdr_remote_connect_list_all_domains_ret), (char *)&ret);
        assertLastError(VIR_ERR_RPC, NULL);
    }
}


static void
testNodeInfoLayout(void)
{
    /* rpcgen widens each char of model[32] to 4 bytes: 160 bytes of
     * payload, as libvirtd sends. */
    g_autoptr(virNetMessage) msg = virNetMessageNew();
    remote_node_get_info_ret ret;

    memset(&ret, 0, sizeof(ret));
    strcpy(ret.model, "x86_64");
    msg->header.type = VIR_NET_REPLY;
    g_assert_cmpint(virNetMessageEncode(msg, VIR_XDRPROC(xdr_remote_node_get_info_ret),
                                        &ret), ==, 0);
    g_assert_cmpuint(msg->bufferLength - VIR_NET_FRAME_MIN, ==, 160);
}


static void
testErrorRoundTrip(void)
{
    g_autoptr(virNetMessage) msg = virNetMessageNew();
    g_autoptr(virNetMessage) got = NULL;
    vir_net_message_error rerr = { 0 };
    virError err = { 0 };

    err.code = VIR_ERR_NO_DOMAIN;
    err.domain = VIR_FROM_TEST;
    err.level = VIR_ERR_ERROR;
    err.message = (char *)"Domain not found";
    err.str1 = (char *)"Domain not found";
    err.int1 = -1;
    err.int2 = -1;
    msg->header.prog = REMOTE_PROGRAM;
    msg->header.vers = 1;
    msg->header.proc = REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME;
    msg->header.serial = 6;
    g_assert_cmpint(virNetMessageEncodeError(msg, &err), ==, 0);
    /* The 112-byte reply libvirtd sends for the same error. */
    g_assert_cmpuint(msg->bufferLength, ==, 112);

    got = messageFromBytes(msg->buffer, msg->bufferLength);
    g_assert_cmpint(virNetMessageDecodeHeader(got), ==, 0);
    g_assert_cmpint(got->header.type, ==, VIR_NET_REPLY);
    g_assert_cmpint(got->header.status, ==, VIR_NET_ERROR);
    g_assert_cmpint(virNetMessageDecodePayload(got,
                        VIR_XDRPROC(xdr_vir_net_message_error), &rerr), ==, 0);
    virNetMessageRaiseError(&rerr);
    xdr_free(VIR_XDRPROC(xdr_vir_net_message_error), (char *)&rerr);
    g_assert_cmpint(virErrorGetLast()->domain, ==, VIR_FROM_TEST);
    assertLastError(VIR_ERR_NO_DOMAIN, "Domain not found");
}


static void
testUnknownProcedureBecomesNoSupport(void)
{
    vir_net_message_error rerr = { 0 };
    char *message = (char *)"unknown procedure: 999";

    rerr.code = VIR_ERR_RPC;
    rerr.domain = VIR_FROM_RPC;
    rerr.level = VIR_ERR_ERROR;
    rerr.message = &message;
    virNetMessageRaiseError(&rerr);
    assertLastError(VIR_ERR_NO_SUPPORT, "unknown procedure: 999");

    /* Only that text: another RPC error keeps its code. */
    message = (char *)"authentication required";
    virNetMessageRaiseError(&rerr);
    assertLastError(VIR_ERR_RPC, "authentication required");
}


/* Random packets into every stage: only success or an error will do. */
static void
testRandomBytes(void)
{
    g_autoptr(GRand) rand = g_rand_new_with_seed(20261123);
    size_t iter;

    for (iter = 0; iter < 20000; iter++) {
        size_t len = VIR_NET_FRAME_MIN + g_rand_int_range(rand, 0, 96);
        g_autofree char *bytes = g_malloc(len);
        g_autoptr(virNetMessage) msg = NULL;
        remote_connect_list_all_domains_ret domains = { 0 };
        remote_domain_get_security_label_ret label = { 0 };
        vir_net_message_error rerr = { 0 };
        size_t total;
        size_t i;

        for (i = 0; i < len; i++)
            bytes[i] = g_rand_int(rand) & 0xff;
        /* Small numbers are likelier lengths and counts than random ones. */
        for (i = VIR_NET_FRAME_MIN; i + 4 <= len; i += 4)
            if (g_rand_boolean(rand))
                virNetFrameWriteBE32(bytes + i, g_rand_int_range(rand, 0, 40));
        if (virNetFrameDecodeLength(bytes, &total) < 0)
            virErrorResetLast();
        virNetFrameEncodeLength(bytes, len);
        msg = messageFromBytes(bytes, len);
        if (virNetMessageDecodeHeader(msg) < 0) {
            virErrorResetLast();
            continue;
        }
        if (virNetMessageDecodePayload(msg,
                VIR_XDRPROC(xdr_remote_connect_list_all_domains_ret), &domains) < 0)
            virErrorResetLast();
        xdr_free(VIR_XDRPROC(xdr_remote_connect_list_all_domains_ret), (char *)&domains);
        if (virNetMessageDecodePayload(msg,
                VIR_XDRPROC(xdr_remote_domain_get_security_label_ret), &label) < 0)
            virErrorResetLast();
        xdr_free(VIR_XDRPROC(xdr_remote_domain_get_security_label_ret), (char *)&label);
        if (virNetMessageDecodePayload(msg,
                VIR_XDRPROC(xdr_vir_net_message_error), &rerr) < 0)
            virErrorResetLast();
        xdr_free(VIR_XDRPROC(xdr_vir_net_message_error), (char *)&rerr);
    }
}


int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    g_test_add_func("/rpc/frame/length-bounds", testLengthBounds);
    g_test_add_func("/rpc/frame/length-grows-buffer", testLengthGrowsBuffer);
    g_test_add_func("/rpc/frame/header-roundtrip", testHeaderRoundTrip);
    g_test_add_func("/rpc/frame/header-malformed", testHeaderMalformed);
    g_test_add_func("/rpc/message/payload-roundtrip", testPayloadRoundTrip);
    g_test_add_func("/rpc/message/payload-truncated", testPayloadTruncated);
    g_test_add_func("/rpc/message/payload-trailing", testPayloadTrailing);
    g_test_add_func("/rpc/message/string-oversized", testStringOversized);
    g_test_add_func("/rpc/message/array-oversized", testArrayOversized);
    g_test_add_func("/rpc/message/node-info-layout", testNodeInfoLayout);
    g_test_add_func("/rpc/message/error-roundtrip", testErrorRoundTrip);
    g_test_add_func("/rpc/message/unknown-procedure", testUnknownProcedureBecomesNoSupport);
    g_test_add_func("/rpc/message/random-bytes", testRandomBytes);
    return g_test_run();
}
