// libcurl, loaded with dlopen at the first HTTP request instead of linked.
//
// Linking FoundationNetworking (and so libcurl with its ~35 libraries) cost every iamconf start
// ~10 ms, even for commands that never reach an endpoint. This target does not include curl's
// headers either (its -dev package is not on users' machines): the few constants it needs are
// declared in CCurl.c with their documented ABI values.
#ifndef IAMCONF_CCURL_H
#define IAMCONF_CCURL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A loaded libcurl: the library handle and the functions iamconf calls.
typedef struct ccurl_library ccurl_library;

/// Opens the first of `names` that dlopen finds and resolves the functions iamconf calls; runs
/// curl_global_init once per process. Returns NULL on failure, with dlerror's (or curl's) text
/// copied into `error` (NUL-terminated, at most `error_size` bytes).
/// The library stays loaded for the life of the process (never closed: handles may outlive callers).
ccurl_library *ccurl_load(const char *const *names, size_t name_count, char *error, size_t error_size);

/// An easy handle (CURL *). It keeps its connections alive between requests; use it from one
/// thread at a time. NULL when curl_easy_init fails.
void *ccurl_handle_create(const ccurl_library *library);
void ccurl_handle_destroy(const ccurl_library *library, void *handle);

/// The outcome of one request. `body` is malloc'ed (or NULL when empty): free it with ccurl_result_free.
typedef struct ccurl_result {
    long status;          ///< HTTP status; 0 when no answer arrived
    unsigned char *body;
    size_t body_length;
    int curl_code;        ///< CURLcode: 0 (CURLE_OK) when an HTTP answer arrived, whatever its status
    long new_connections; ///< connections this request had to open (0: an alive one was reused)
    long request_bytes;   ///< bytes of the request curl handed to the connection (CURLINFO_REQUEST_SIZE);
                          ///< 0 when it never got that far, so the server cannot have acted on it
    char message[256];    ///< curl's detailed error text (CURL_ERROR_SIZE), else curl_easy_strerror
    char etag[256];       ///< the answer's ETag header value as sent (quotes included), or empty
} ccurl_result;

/// Performs one request on `handle`, blocking the calling thread. `headers` are "Name: value"
/// lines. `body` may be NULL for none. `cancelled` (may be NULL) is polled during the transfer:
/// once ccurl_cancel sets it, the request stops with CURLE_ABORTED_BY_CALLBACK (42).
void ccurl_perform(
    const ccurl_library *library, void *handle, const char *method, const char *url,
    const char *const *headers, size_t header_count, const unsigned char *body, size_t body_length,
    long timeout_ms, const int *cancelled, ccurl_result *result);

/// Sets a cancellation flag atomically (from any thread) for a running ccurl_perform.
void ccurl_cancel(int *cancelled);

void ccurl_result_free(ccurl_result *result);

#ifdef __cplusplus
}
#endif

#endif
