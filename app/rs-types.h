/* rs-types.h — forward typedefs of the app's classes, so headers name each
 * other without including each other. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RsApplication       RsApplication;
typedef struct _RsWindow            RsWindow;
typedef struct _RsPage              RsPage;
typedef struct _RsDocument          RsDocument;
typedef struct _RsNode              RsNode;
typedef struct _RsHexView           RsHexView;
typedef struct _RsElementsView      RsElementsView;
typedef struct _RsElement           RsElement;
typedef struct _RsPreferencesWindow RsPreferencesWindow;
typedef struct _RsTrace             RsTrace;
typedef struct _RsTraceView         RsTraceView;
typedef struct _RsIOProcsPage       RsIOProcsPage;
typedef struct _RsMciPanel          RsMciPanel;

G_END_DECLS
