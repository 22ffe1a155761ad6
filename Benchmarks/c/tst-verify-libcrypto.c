/* The libcrypto reference rate for time-stamp checking: parse a TimeStampResp and verify it
 * (version, signer certificate and chain to the CA, signature, imprint of the data), the same
 * cryptography `trustaudit check --data --ca` performs, in one process, N times.
 * Usage: tst-verify-libcrypto RESPONSE.tsr DATA CA.pem N */
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ts.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static unsigned char *slurp(const char *path, long *length) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(2); }
    fseek(f, 0, SEEK_END);
    *length = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buffer = malloc(*length);
    if (fread(buffer, 1, *length, f) != (size_t)*length) { perror(path); exit(2); }
    fclose(f);
    return buffer;
}

int main(int argc, char **argv) {
    if (argc != 5) { fprintf(stderr, "usage: %s RESPONSE DATA CA N\n", argv[0]); return 2; }
    long responseLength, dataLength;
    unsigned char *response = slurp(argv[1], &responseLength);
    unsigned char *data = slurp(argv[2], &dataLength);
    int n = atoi(argv[4]);
    X509_STORE *store = X509_STORE_new();
    if (X509_STORE_load_file(store, argv[3]) != 1) { fprintf(stderr, "cannot load CA\n"); return 2; }
    X509_STORE_set_purpose(store, X509_PURPOSE_TIMESTAMP_SIGN);
    /* The TSA CA given may be an intermediate (as with trustaudit --ca). */
    X509_STORE_set_flags(store, X509_V_FLAG_PARTIAL_CHAIN);
    unsigned char imprint[32];
    SHA256(data, dataLength, imprint);
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    int ok = 0;
    for (int i = 0; i < n; i++) {
        const unsigned char *p = response;
        TS_RESP *resp = d2i_TS_RESP(NULL, &p, responseLength);
        TS_VERIFY_CTX *ctx = TS_VERIFY_CTX_new();
        X509_STORE_up_ref(store);
        TS_VERIFY_CTX_set_store(ctx, store);
        unsigned char *copy = OPENSSL_malloc(sizeof imprint);
        memcpy(copy, imprint, sizeof imprint);
        TS_VERIFY_CTX_set_imprint(ctx, copy, sizeof imprint);
        TS_VERIFY_CTX_set_flags(ctx, TS_VFY_VERSION | TS_VFY_SIGNER | TS_VFY_SIGNATURE | TS_VFY_IMPRINT);
        if (resp && TS_RESP_verify_response(ctx, resp) == 1) ok++;
        ERR_clear_error();
        TS_VERIFY_CTX_free(ctx);
        TS_RESP_free(resp);
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9;
    printf("%-34s %8d items %7.2f s %10.0f items/s  (%d verified)\n", "libcrypto TS_RESP_verify_response", n, seconds, n / seconds, ok);
    return ok == n ? 0 : 1;
}
