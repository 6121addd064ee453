#ifndef PATCHBAY_CJQ_SHIM_H
#define PATCHBAY_CJQ_SHIM_H
// The only C bridge to libjq. jq's headers are plain C, but jv_* helpers that are
// macros or variadic are not callable from Swift; wrap them here as static inline.
#include <jq.h>
#include <jv.h>

static inline jv pb_jv_invalid(void) { return jv_invalid(); }
static inline int pb_jv_is_valid(jv value) { return jv_is_valid(value); }

// A string jv from UTF-8 bytes; an empty Swift string may hand over a null pointer.
static inline jv pb_jv_string_bytes(const char *bytes, int length) {
    return length > 0 && bytes ? jv_string_sized(bytes, length) : jv_string("");
}

#endif
