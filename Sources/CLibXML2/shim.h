#ifndef TRUSTAUDIT_CLIBXML2_SHIM_H
#define TRUSTAUDIT_CLIBXML2_SHIM_H
// libxml2 for Swift. xmlFree is a global function-pointer variable, which Swift 6 refuses to
// touch from concurrent code, so it is called through a shim.
#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU, and encoding.h then includes the system ICU headers,
// which clash with Foundation's bundled ICU in any Swift module that also sees Foundation
// ("'UErrorCode' has different definitions"). The ICU part of encoding.h only adds converter
// fields at the end of xmlCharEncodingHandler, a struct we never touch, so hide it.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/c14n.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlmemory.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>

static inline void shim_xmlFree(void *p) { xmlFree(p); }

static void shim_ignoreGenericError(void *context, const char *message, ...) { (void)context; (void)message; }
/// The generic handler is variadic, which Swift cannot write: installed from C.
static inline void shim_silenceGenericErrors(void) {
    xmlSetGenericErrorFunc(NULL, shim_ignoreGenericError);
    xmlThrDefSetGenericErrorFunc(NULL, shim_ignoreGenericError);
}
#endif
