#ifndef TRUSTAUDIT_COPENSSL_SHIM_H
#define TRUSTAUDIT_COPENSSL_SHIM_H
// libcrypto (OpenSSL 3) for Swift. Function-like macros are not imported by Swift, so the
// few we need are wrapped as static inline functions (prefix shim_).
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/cms.h>
#include <openssl/ts.h>
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>

static inline void shim_OPENSSL_free(void *p) { OPENSSL_free(p); }
static inline int shim_sk_X509_num(const STACK_OF(X509) *sk) { return sk_X509_num(sk); }
static inline X509 *shim_sk_X509_value(const STACK_OF(X509) *sk, int i) { return sk_X509_value(sk, i); }
static inline STACK_OF(X509) *shim_sk_X509_new_null(void) { return sk_X509_new_null(); }
static inline int shim_sk_X509_push(STACK_OF(X509) *sk, X509 *x) { return sk_X509_push(sk, x); }
static inline void shim_sk_X509_pop_free(STACK_OF(X509) *sk) { sk_X509_pop_free(sk, X509_free); }
static inline long shim_BIO_get_mem_data(BIO *b, char **pp) { return BIO_get_mem_data(b, pp); }
#include <openssl/sha.h>
// SHA-256 in one call without the EVP fetch by name that SHA256() makes in OpenSSL 3 (every
// item is hashed): the low-level context API, deprecated but kept by OpenSSL 3.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
static inline void shim_sha256(const unsigned char *data, size_t count, unsigned char *out) {
    SHA256_CTX context;
    SHA256_Init(&context);
    SHA256_Update(&context, data, count);
    SHA256_Final(out, &context);
}
#pragma GCC diagnostic pop
#endif
