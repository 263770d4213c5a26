#include "CCurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

// libcurl ABI values, from curl/curl.h (stable since their introduction; see
// https://curl.se/libcurl/c/curl_easy_setopt.html). An option's number is its type base plus its
// index: CURLOPTTYPE_LONG 0, CURLOPTTYPE_OBJECTPOINT 10000 (also strings, slists, callback data),
// CURLOPTTYPE_FUNCTIONPOINT 20000, CURLOPTTYPE_OFF_T 30000.
enum {
    CCURLOPT_WRITEDATA = 10000 + 1,           // OBJECTPOINT 1
    CCURLOPT_URL = 10000 + 2,                 // STRINGPOINT 2
    CCURLOPT_ERRORBUFFER = 10000 + 10,        // OBJECTPOINT 10
    CCURLOPT_WRITEFUNCTION = 20000 + 11,      // FUNCTIONPOINT 11
    CCURLOPT_POSTFIELDS = 10000 + 15,         // OBJECTPOINT 15
    CCURLOPT_HTTPHEADER = 10000 + 23,         // SLISTPOINT 23
    CCURLOPT_HEADERDATA = 10000 + 29,         // CBPOINT 29
    CCURLOPT_HEADERFUNCTION = 20000 + 79,     // FUNCTIONPOINT 79
    CCURLOPT_CUSTOMREQUEST = 10000 + 36,      // STRINGPOINT 36
    CCURLOPT_NOPROGRESS = 43,                 // LONG 43
    CCURLOPT_NOBODY = 44,                     // LONG 44
    CCURLOPT_FOLLOWLOCATION = 52,             // LONG 52
    CCURLOPT_XFERINFODATA = 10000 + 57,       // CBPOINT 57
    CCURLOPT_HTTPGET = 80,                    // LONG 80
    CCURLOPT_NOSIGNAL = 99,                   // LONG 99
    CCURLOPT_POSTFIELDSIZE_LARGE = 30000 + 120, // OFF_T 120
    CCURLOPT_TIMEOUT_MS = 155,                // LONG 155
    CCURLOPT_XFERINFOFUNCTION = 20000 + 219,  // FUNCTIONPOINT 219 (since 7.32.0)
};

// CURLINFO_LONG (0x200000) + index, https://curl.se/libcurl/c/curl_easy_getinfo.html
enum {
    CCURLINFO_RESPONSE_CODE = 0x200000 + 2,
    CCURLINFO_REQUEST_SIZE = 0x200000 + 12,
    CCURLINFO_NUM_CONNECTS = 0x200000 + 26,
};

enum {
    CCURL_GLOBAL_ALL = 3,      // CURL_GLOBAL_SSL | CURL_GLOBAL_WIN32
    CCURLE_OK = 0,
    CCURLE_FAILED_INIT = 2,
    CCURLE_OUT_OF_MEMORY = 27,
    CCURL_ERROR_SIZE = 256,
};

// curl_off_t is 64 bits on every platform iamconf builds for.
typedef int64_t ccurl_off_t;
typedef struct ccurl_slist ccurl_slist;
typedef size_t (*ccurl_write_callback)(char *data, size_t size, size_t count, void *context);
typedef int (*ccurl_xferinfo_callback)(void *context, ccurl_off_t dltotal, ccurl_off_t dlnow, ccurl_off_t ultotal, ccurl_off_t ulnow);

struct ccurl_library {
    void *dl;
    int (*global_init)(long flags);
    void *(*easy_init)(void);
    void (*easy_cleanup)(void *handle);
    void (*easy_reset)(void *handle);
    int (*easy_setopt)(void *handle, int option, ...);
    int (*easy_perform)(void *handle);
    int (*easy_getinfo)(void *handle, int info, ...);
    const char *(*easy_strerror)(int code);
    ccurl_slist *(*slist_append)(ccurl_slist *list, const char *line);
    void (*slist_free_all)(ccurl_slist *list);
};

static void copy_text(char *destination, size_t size, const char *text) {
    if (size == 0) return;
    snprintf(destination, size, "%s", text ? text : "unknown error");
}

// curl_global_init is not thread-safe before 7.84 (https://curl.se/libcurl/c/curl_global_init.html),
// and a process loads one libcurl in practice, so it runs once, for the first library opened.
static pthread_once_t global_once = PTHREAD_ONCE_INIT;
static int (*global_init_function)(long);
static int global_init_code;

static void run_global_init(void) {
    int (*function)(long) = __atomic_load_n(&global_init_function, __ATOMIC_ACQUIRE);
    global_init_code = function(CCURL_GLOBAL_ALL);
}

#define RESOLVE(field, symbol)                                                                   \
    do {                                                                                         \
        *(void **)(&library->field) = dlsym(dl, symbol);                                         \
        if (!library->field) {                                                                   \
            const char *reason = dlerror();                                                      \
            snprintf(error, error_size, "%s", reason ? reason : symbol " not found");            \
            free(library);                                                                       \
            dlclose(dl);                                                                         \
            return NULL;                                                                         \
        }                                                                                        \
    } while (0)

ccurl_library *ccurl_load(const char *const *names, size_t name_count, char *error, size_t error_size) {
    copy_text(error, error_size, "no library name given");
    void *dl = NULL;
    for (size_t index = 0; index < name_count && !dl; index++) {
        // RTLD_LOCAL: curl's symbols stay out of the global namespace (FoundationNetworking, when a
        // test process links it, has its own binding to libcurl).
        dl = dlopen(names[index], RTLD_NOW | RTLD_LOCAL);
        // The first name's failure is the one worth reporting ("libcurl.so.4: cannot open ...").
        if (!dl && index == 0) copy_text(error, error_size, dlerror());
    }
    if (!dl) return NULL;
    ccurl_library *library = calloc(1, sizeof *library);
    if (!library) {
        dlclose(dl);
        copy_text(error, error_size, "out of memory");
        return NULL;
    }
    library->dl = dl;
    RESOLVE(global_init, "curl_global_init");
    RESOLVE(easy_init, "curl_easy_init");
    RESOLVE(easy_cleanup, "curl_easy_cleanup");
    RESOLVE(easy_reset, "curl_easy_reset");
    RESOLVE(easy_setopt, "curl_easy_setopt");
    RESOLVE(easy_perform, "curl_easy_perform");
    RESOLVE(easy_getinfo, "curl_easy_getinfo");
    RESOLVE(easy_strerror, "curl_easy_strerror");
    RESOLVE(slist_append, "curl_slist_append");
    RESOLVE(slist_free_all, "curl_slist_free_all");
    // Atomic: two threads may open libcurl at once (both store the same address in practice).
    __atomic_store_n(&global_init_function, library->global_init, __ATOMIC_RELEASE);
    pthread_once(&global_once, run_global_init);
    if (global_init_code != CCURLE_OK) {
        snprintf(error, error_size, "curl_global_init failed: %s", library->easy_strerror(global_init_code));
        free(library);
        dlclose(dl);
        return NULL;
    }
    return library;
}

void *ccurl_handle_create(const ccurl_library *library) { return library->easy_init(); }

void ccurl_handle_destroy(const ccurl_library *library, void *handle) {
    if (handle) library->easy_cleanup(handle);
}

void ccurl_cancel(int *cancelled) { __atomic_store_n(cancelled, 1, __ATOMIC_RELEASE); }

typedef struct {
    unsigned char *bytes;
    size_t length;
    size_t capacity;
} growing_buffer;

static size_t append_body(char *data, size_t size, size_t count, void *context) {
    growing_buffer *buffer = context;
    size_t length = size * count;
    if (length == 0) return 0;
    if (buffer->length + length > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity : 4096;
        while (capacity < buffer->length + length) capacity *= 2;
        unsigned char *grown = realloc(buffer->bytes, capacity);
        // Fewer bytes than offered makes curl stop with CURLE_WRITE_ERROR.
        if (!grown) return 0;
        buffer->bytes = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->bytes + buffer->length, data, length);
    buffer->length += length;
    return length;
}

// Keeps the answer's ETag (S3's object version for conditional writes); curl calls this once per
// header line, CRLF included (https://curl.se/libcurl/c/CURLOPT_HEADERFUNCTION.html).
static size_t keep_etag(char *data, size_t size, size_t count, void *context) {
    char *etag = context;
    size_t length = size * count;
    if (length > 5 && strncasecmp(data, "etag:", 5) == 0) {
        size_t start = 5;
        while (start < length && (data[start] == ' ' || data[start] == '\t')) start++;
        size_t end = length;
        while (end > start && (data[end - 1] == '\r' || data[end - 1] == '\n' || data[end - 1] == ' ')) end--;
        size_t copied = end - start < 255 ? end - start : 255;
        memcpy(etag, data + start, copied);
        etag[copied] = '\0';
    }
    return length;
}

// Non-zero aborts the transfer (CURLE_ABORTED_BY_CALLBACK); curl calls this at least once a second
// even while idle (https://curl.se/libcurl/c/CURLOPT_XFERINFOFUNCTION.html).
static int check_cancelled(void *context, ccurl_off_t dltotal, ccurl_off_t dlnow, ccurl_off_t ultotal, ccurl_off_t ulnow) {
    (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
    return __atomic_load_n((const int *)context, __ATOMIC_ACQUIRE) != 0;
}

static int has_header(const char *const *headers, size_t count, const char *name) {
    size_t length = strlen(name);
    for (size_t index = 0; index < count; index++) {
        if (strncasecmp(headers[index], name, length) == 0 && headers[index][length] == ':') return 1;
    }
    return 0;
}

static void fail(const ccurl_library *library, ccurl_result *result, int code) {
    result->curl_code = code;
    if (result->message[0] == '\0') copy_text(result->message, sizeof result->message, library->easy_strerror(code));
}

void ccurl_perform(
    const ccurl_library *library, void *handle, const char *method, const char *url,
    const char *const *headers, size_t header_count, const unsigned char *body, size_t body_length,
    long timeout_ms, const int *cancelled, ccurl_result *result) {
    memset(result, 0, sizeof *result);
    // Options stick to a handle between transfers, so every call starts from a reset handle (reset at
    // the end of the previous call); reset keeps alive connections and caches
    // (https://curl.se/libcurl/c/curl_easy_reset.html).

    // POST and PUT always carry a body, empty or not, so that curl sends "Content-Length: 0": S3
    // refuses a PUT without a length (411 MissingContentLength).
    int sends_body = body != NULL || strcmp(method, "POST") == 0 || strcmp(method, "PUT") == 0 || strcmp(method, "PATCH") == 0;
    ccurl_slist *list = NULL;
    int ok = 1;
    for (size_t index = 0; index < header_count && ok; index++) {
        ccurl_slist *grown = library->slist_append(list, headers[index]);
        if (grown) list = grown; else ok = 0;
    }
    // An empty value removes a header curl would add on its own: "Expect: 100-continue" costs a
    // round trip on bodies over 1 MB (https://curl.se/libcurl/c/CURLOPT_HTTPHEADER.html), and
    // "Accept: */*" is not what URLSession sent.
    static const char *const removals[] = {"Expect:", "Accept:"};
    for (size_t index = 0; index < 2 && ok; index++) {
        if (has_header(headers, header_count, index == 0 ? "Expect" : "Accept")) continue;
        ccurl_slist *grown = library->slist_append(list, removals[index]);
        if (grown) list = grown; else ok = 0;
    }
    // POSTFIELDS makes curl add "Content-Type: application/x-www-form-urlencoded" unless one is given
    // (https://curl.se/libcurl/c/CURLOPT_POSTFIELDS.html); a body sent without one must stay without.
    if (ok && sends_body && !has_header(headers, header_count, "Content-Type")) {
        ccurl_slist *grown = library->slist_append(list, "Content-Type:");
        if (grown) list = grown; else ok = 0;
    }
    if (!ok) {
        library->slist_free_all(list);
        fail(library, result, CCURLE_OUT_OF_MEMORY);
        return;
    }

    growing_buffer buffer = {0};
    library->easy_setopt(handle, CCURLOPT_URL, url);
    library->easy_setopt(handle, CCURLOPT_HTTPHEADER, list);
    library->easy_setopt(handle, CCURLOPT_ERRORBUFFER, result->message);
    library->easy_setopt(handle, CCURLOPT_WRITEFUNCTION, (ccurl_write_callback)append_body);
    library->easy_setopt(handle, CCURLOPT_WRITEDATA, (void *)&buffer);
    library->easy_setopt(handle, CCURLOPT_HEADERFUNCTION, (ccurl_write_callback)keep_etag);
    library->easy_setopt(handle, CCURLOPT_HEADERDATA, (void *)result->etag);
    // Signals are process-wide: with several threads, curl must not use SIGALRM for DNS timeouts
    // (https://curl.se/libcurl/c/CURLOPT_NOSIGNAL.html).
    library->easy_setopt(handle, CCURLOPT_NOSIGNAL, 1L);
    // AWS never redirects a signed call; a redirect would be answered by curl without the signature.
    library->easy_setopt(handle, CCURLOPT_FOLLOWLOCATION, 0L);
    library->easy_setopt(handle, CCURLOPT_TIMEOUT_MS, timeout_ms);
    if (cancelled) {
        library->easy_setopt(handle, CCURLOPT_XFERINFOFUNCTION, (ccurl_xferinfo_callback)check_cancelled);
        library->easy_setopt(handle, CCURLOPT_XFERINFODATA, (void *)cancelled);
        library->easy_setopt(handle, CCURLOPT_NOPROGRESS, 0L);
    }
    if (strcmp(method, "HEAD") == 0) {
        // NOBODY makes the request a HEAD and stops curl waiting for a body that never comes
        // (https://curl.se/libcurl/c/CURLOPT_NOBODY.html); CUSTOMREQUEST "HEAD" would hang.
        library->easy_setopt(handle, CCURLOPT_NOBODY, 1L);
    } else if (sends_body) {
        // POSTFIELDS does not copy: `body` outlives the transfer (the caller blocks in this call).
        library->easy_setopt(handle, CCURLOPT_POSTFIELDSIZE_LARGE, (ccurl_off_t)body_length);
        library->easy_setopt(handle, CCURLOPT_POSTFIELDS, body ? (const char *)body : "");
        if (strcmp(method, "POST") != 0) library->easy_setopt(handle, CCURLOPT_CUSTOMREQUEST, method);
    } else {
        // GET, or DELETE sent as a bodiless GET under another name.
        library->easy_setopt(handle, CCURLOPT_HTTPGET, 1L);
        if (strcmp(method, "GET") != 0) library->easy_setopt(handle, CCURLOPT_CUSTOMREQUEST, method);
    }

    int code = library->easy_perform(handle);
    long status = 0;
    long connections = 0;
    library->easy_getinfo(handle, CCURLINFO_RESPONSE_CODE, &status);
    library->easy_getinfo(handle, CCURLINFO_NUM_CONNECTS, &connections);
    // Read before the reset below clears it: whether a failed request may have reached the server.
    long request_bytes = 0;
    library->easy_getinfo(handle, CCURLINFO_REQUEST_SIZE, &request_bytes);
    // The handle must not point at this call's buffers, header list or flag once it returns to the pool.
    library->easy_reset(handle);
    library->slist_free_all(list);
    result->status = status;
    result->new_connections = connections;
    result->request_bytes = request_bytes;
    if (code == CCURLE_OK) {
        result->body = buffer.bytes;
        result->body_length = buffer.length;
        result->message[0] = '\0';
    } else {
        free(buffer.bytes);
        fail(library, result, code);
    }
}

void ccurl_result_free(ccurl_result *result) {
    free(result->body);
    result->body = NULL;
    result->body_length = 0;
}
