/*
 * virnettlscontext.c: x509 credentials and TLS sessions (GnuTLS)
 *
 * libvirt's x509 scheme: the server requests a client certificate and,
 * unless told not to, refuses a client without a valid one; the client
 * checks the server's certificate against its CA and the host name it
 * dialled.  Both checks happen after the handshake, so that the error
 * names what was wrong instead of a bare handshake failure.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <unistd.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "internal.h"
#include "virnettlscontext.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_RPC

#define VIR_NET_TLS_SYSTEM_CA "/etc/pki/CA/cacert.pem"
#define VIR_NET_TLS_SYSTEM_CRL "/etc/pki/CA/cacrl.pem"
#define VIR_NET_TLS_SYSTEM_DIR "/etc/pki/libvirt"

struct _virNetTLSContext {
    gint refs;
    gnutls_certificate_credentials_t creds;
    bool isServer;
    bool verifyPeer;                    /* check the peer's certificate */
    char *priority;
};

struct _virNetTLSSession {
    virNetTLSContext *ctx;              /* one reference */
    gnutls_session_t session;
    char *hostname;                     /* client: the name dialled */
};


/**
 * virNetTLSFilesClear:
 * @files: paths to free; the struct itself is the caller's
 */
void
virNetTLSFilesClear(virNetTLSFiles *files)
{
    g_clear_pointer(&files->cacert, g_free);
    g_clear_pointer(&files->cacrl, g_free);
    g_clear_pointer(&files->cert, g_free);
    g_clear_pointer(&files->key, g_free);
}


static void
virNetTLSFilesInDir(const char *dir, const char *who, virNetTLSFiles *files)
{
    g_autofree char *cert = g_strdup_printf("%scert.pem", who);
    g_autofree char *key = g_strdup_printf("%skey.pem", who);

    files->cacert = g_build_filename(dir, "cacert.pem", NULL);
    files->cacrl = g_build_filename(dir, "cacrl.pem", NULL);
    files->cert = g_build_filename(dir, cert, NULL);
    files->key = g_build_filename(dir, key, NULL);
}


static void
virNetTLSFilesSystem(const char *who, virNetTLSFiles *files)
{
    g_autofree char *cert = g_strdup_printf("%scert.pem", who);
    g_autofree char *key = g_strdup_printf("%skey.pem", who);

    files->cacert = g_strdup(VIR_NET_TLS_SYSTEM_CA);
    files->cacrl = g_strdup(VIR_NET_TLS_SYSTEM_CRL);
    files->cert = g_build_filename(VIR_NET_TLS_SYSTEM_DIR, cert, NULL);
    files->key = g_build_filename(VIR_NET_TLS_SYSTEM_DIR, "private", key, NULL);
}


/**
 * virNetTLSFilesForClient:
 * @pkipath: the URI's pkipath= directory, or NULL
 * @files: filled with newly allocated paths
 *
 * libvirt's client looks in @pkipath, else (not root) in
 * ~/.pki/libvirt when its cacert.pem exists, else in the system paths.
 */
void
virNetTLSFilesForClient(const char *pkipath, virNetTLSFiles *files)
{
    g_autofree char *user = NULL;

    if (pkipath) {
        virNetTLSFilesInDir(pkipath, "client", files);
        return;
    }
    if (geteuid() != 0) {
        user = g_build_filename(g_get_home_dir(), ".pki", "libvirt", NULL);
        virNetTLSFilesInDir(user, "client", files);
        if (g_file_test(files->cacert, G_FILE_TEST_EXISTS))
            return;
        virNetTLSFilesClear(files);
    }
    virNetTLSFilesSystem("client", files);
}


/**
 * virNetTLSFilesForServer:
 * @pkipath: a directory holding cacert.pem, servercert.pem and
 *           serverkey.pem, or NULL for the system paths
 * @files: filled with newly allocated paths
 */
void
virNetTLSFilesForServer(const char *pkipath, virNetTLSFiles *files)
{
    if (pkipath)
        virNetTLSFilesInDir(pkipath, "server", files);
    else
        virNetTLSFilesSystem("server", files);
}


static int
virNetTLSCheckFile(const char *what, const char *path)
{
    if (access(path, R_OK) < 0) {
        virReportSystemError(errno, _("Cannot read %1$s '%2$s'"), what, path);
        return -1;
    }
    return 0;
}


static int
virNetTLSContextLoad(virNetTLSContext *ctx, const virNetTLSFiles *files)
{
    int rc;

    if (virNetTLSCheckFile(_("CA certificate"), files->cacert) < 0)
        return -1;
    rc = gnutls_certificate_set_x509_trust_file(ctx->creds, files->cacert,
                                                GNUTLS_X509_FMT_PEM);
    if (rc < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       _("Unable to set x509 CA certificate: %1$s: %2$s"),
                       files->cacert, gnutls_strerror(rc));
        return -1;
    }
    if (files->cacrl && g_file_test(files->cacrl, G_FILE_TEST_EXISTS) &&
        (rc = gnutls_certificate_set_x509_crl_file(ctx->creds, files->cacrl,
                                                   GNUTLS_X509_FMT_PEM)) < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       _("Unable to set x509 certificate revocation list: %1$s: %2$s"),
                       files->cacrl, gnutls_strerror(rc));
        return -1;
    }

    /* A client may go without a certificate of its own: a server with
     * tls_no_verify_certificate accepts it. */
    if (!ctx->isServer && access(files->cert, R_OK) < 0 &&
        access(files->key, R_OK) < 0)
        return 0;
    if (virNetTLSCheckFile(_("certificate"), files->cert) < 0 ||
        virNetTLSCheckFile(_("private key"), files->key) < 0)
        return -1;
    rc = gnutls_certificate_set_x509_key_file(ctx->creds, files->cert,
                                              files->key, GNUTLS_X509_FMT_PEM);
    if (rc < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       _("Unable to set x509 key and certificate: %1$s, %2$s: %3$s"),
                       files->key, files->cert, gnutls_strerror(rc));
        return -1;
    }
    return 0;
}


/**
 * virNetTLSContextNew:
 * @files: the CA, CRL, certificate and key to load
 * @isServer: which side of the connection this context serves
 * @verifyPeer: check the peer's certificate after the handshake (the
 *              server then requires one)
 * @priority: a GnuTLS priority string, or NULL for "NORMAL"
 *
 * Returns a context with one reference, or NULL with an error naming
 * the file at fault.
 */
virNetTLSContext *
virNetTLSContextNew(const virNetTLSFiles *files,
                    bool isServer,
                    bool verifyPeer,
                    const char *priority)
{
    g_autoptr(virNetTLSContext) ctx = g_new0(virNetTLSContext, 1);
    int rc;

    ctx->refs = 1;
    ctx->isServer = isServer;
    ctx->verifyPeer = verifyPeer;
    ctx->priority = g_strdup(priority ? priority : "NORMAL");
    if ((rc = gnutls_certificate_allocate_credentials(&ctx->creds)) < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       _("Unable to allocate x509 credentials: %1$s"),
                       gnutls_strerror(rc));
        return NULL;
    }
    if (virNetTLSContextLoad(ctx, files) < 0)
        return NULL;
    return g_steal_pointer(&ctx);
}


/**
 * virNetTLSContextRef:
 * @ctx: a context
 *
 * Returns @ctx.
 */
virNetTLSContext *
virNetTLSContextRef(virNetTLSContext *ctx)
{
    g_atomic_int_inc(&ctx->refs);
    return ctx;
}


/**
 * virNetTLSContextUnref:
 * @ctx: a context, or NULL
 */
void
virNetTLSContextUnref(virNetTLSContext *ctx)
{
    if (!ctx || !g_atomic_int_dec_and_test(&ctx->refs))
        return;
    if (ctx->creds)
        gnutls_certificate_free_credentials(ctx->creds);
    g_free(ctx->priority);
    g_free(ctx);
}


/**
 * virNetTLSSessionNew:
 * @ctx: the credentials; the session takes a reference
 * @fd: the connected socket, still owned by the caller
 * @hostname: client side: the host dialled, checked against the
 *            server's certificate; NULL on the server side
 *
 * Returns a session ready for its handshake, or NULL with an error.
 */
virNetTLSSession *
virNetTLSSessionNew(virNetTLSContext *ctx, int fd, const char *hostname)
{
    virNetTLSSession *sess = g_new0(virNetTLSSession, 1);
    const char *errpos = NULL;
    int rc;

    sess->ctx = virNetTLSContextRef(ctx);
    sess->hostname = g_strdup(hostname);
    if ((rc = gnutls_init(&sess->session,
                          ctx->isServer ? GNUTLS_SERVER : GNUTLS_CLIENT)) < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       _("Failed to initialize TLS session: %1$s"),
                       gnutls_strerror(rc));
        sess->session = NULL;
        virNetTLSSessionFree(sess);
        return NULL;
    }
    if ((rc = gnutls_priority_set_direct(sess->session, ctx->priority,
                                         &errpos)) < 0 ||
        (rc = gnutls_credentials_set(sess->session, GNUTLS_CRD_CERTIFICATE,
                                     ctx->creds)) < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       _("Failed to set TLS session priority '%1$s': %2$s"),
                       ctx->priority, gnutls_strerror(rc));
        virNetTLSSessionFree(sess);
        return NULL;
    }
    if (ctx->isServer)
        gnutls_certificate_server_set_request(sess->session,
                                              GNUTLS_CERT_REQUEST);
    else if (hostname)
        gnutls_server_name_set(sess->session, GNUTLS_NAME_DNS,
                               hostname, strlen(hostname));
    gnutls_transport_set_int(sess->session, fd);
    return sess;
}


/**
 * virNetTLSSessionHandshake:
 * @sess: a session
 *
 * Advances the handshake as far as the socket allows.
 *
 * Returns 0 when it is complete, 1 when it waits for the socket (see
 * virNetTLSSessionWantsWrite()), -1 with an error.
 */
int
virNetTLSSessionHandshake(virNetTLSSession *sess)
{
    int rc = gnutls_handshake(sess->session);

    if (rc == 0)
        return 0;
    if (rc == GNUTLS_E_AGAIN || rc == GNUTLS_E_INTERRUPTED)
        return 1;
    virReportError(VIR_ERR_AUTH_FAILED, _("TLS handshake failed %1$s"),
                   gnutls_strerror(rc));
    return -1;
}


/**
 * virNetTLSSessionWantsWrite:
 * @sess: a session whose last call returned "again"
 *
 * Returns true if it waits to write rather than to read.
 */
bool
virNetTLSSessionWantsWrite(virNetTLSSession *sess)
{
    return gnutls_record_get_direction(sess->session) == 1;
}


/**
 * virNetTLSSessionVerify:
 * @sess: a session after its handshake
 *
 * Checks the peer's certificate chain and, on the client, that it names
 * the host dialled; skipped when the context does not verify peers.
 *
 * Returns 0, or -1 with VIR_ERR_AUTH_FAILED saying why.
 */
int
virNetTLSSessionVerify(virNetTLSSession *sess)
{
    const char *who = sess->ctx->isServer ? _("client") : _("server");
    unsigned int status = 0;
    unsigned int npeers = 0;
    gnutls_datum_t out = { 0 };
    g_autofree char *reason = NULL;
    int rc;

    if (!sess->ctx->verifyPeer)
        return 0;
    if (!gnutls_certificate_get_peers(sess->session, &npeers) || npeers == 0) {
        virReportError(VIR_ERR_AUTH_FAILED,
                       _("The %1$s did not present a certificate"), who);
        return -1;
    }
    rc = gnutls_certificate_verify_peers3(sess->session, sess->hostname,
                                          &status);
    if (rc < 0) {
        virReportError(VIR_ERR_AUTH_FAILED,
                       _("Unable to verify TLS peer: %1$s"), gnutls_strerror(rc));
        return -1;
    }
    if (status == 0)
        return 0;
    gnutls_certificate_verification_status_print(status, GNUTLS_CRT_X509,
                                                 &out, 0);
    reason = g_strstrip(g_strndup((const char *)out.data, out.size));
    gnutls_free(out.data);
    if (g_str_has_suffix(reason, "."))
        reason[strlen(reason) - 1] = '\0';
    virReportError(VIR_ERR_AUTH_FAILED,
                   _("Unable to verify TLS peer: the %1$s certificate is not trusted: %2$s"),
                   who, reason);
    return -1;
}


/**
 * virNetTLSSessionRead:
 * @sess: a session after its handshake
 * @buf: where to store the plain bytes
 * @len: at most this many
 *
 * Returns the number of bytes, 0 when none are available yet, or -1
 * with an error (end of stream included).
 */
ssize_t
virNetTLSSessionRead(virNetTLSSession *sess, char *buf, size_t len)
{
    ssize_t got;

    do {
        got = gnutls_record_recv(sess->session, buf, len);
    } while (got == GNUTLS_E_INTERRUPTED);
    if (got > 0)
        return got;
    if (got == GNUTLS_E_AGAIN)
        return 0;
    if (got == 0 || got == GNUTLS_E_PREMATURE_TERMINATION) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "%s",
                       _("End of file while reading data: Input/output error"));
        return -1;
    }
    virReportError(VIR_ERR_SYSTEM_ERROR, _("Cannot recv data: %1$s"),
                   gnutls_strerror(got));
    return -1;
}


/**
 * virNetTLSSessionWrite:
 * @sess: a session after its handshake
 * @buf: the plain bytes
 * @len: how many
 *
 * After a return of 0 the caller waits for the socket and calls again
 * with the same bytes, as GnuTLS requires.
 *
 * Returns the number of bytes taken, 0 for "again", -1 with an error.
 */
ssize_t
virNetTLSSessionWrite(virNetTLSSession *sess, const char *buf, size_t len)
{
    ssize_t done;

    do {
        done = gnutls_record_send(sess->session, buf, len);
    } while (done == GNUTLS_E_INTERRUPTED);
    if (done >= 0)
        return done;
    if (done == GNUTLS_E_AGAIN)
        return 0;
    virReportError(VIR_ERR_SYSTEM_ERROR, _("Cannot write data: %1$s"),
                   gnutls_strerror(done));
    return -1;
}


/**
 * virNetTLSSessionPending:
 * @sess: a session
 *
 * Returns how many decrypted bytes wait in GnuTLS: poll() on the socket
 * does not see them.
 */
size_t
virNetTLSSessionPending(virNetTLSSession *sess)
{
    return gnutls_record_check_pending(sess->session);
}


/**
 * virNetTLSSessionFree:
 * @sess: a session, or NULL; the socket descriptor stays open
 */
void
virNetTLSSessionFree(virNetTLSSession *sess)
{
    if (!sess)
        return;
    if (sess->session)
        gnutls_deinit(sess->session);
    virNetTLSContextUnref(sess->ctx);
    g_free(sess->hostname);
    g_free(sess);
}
