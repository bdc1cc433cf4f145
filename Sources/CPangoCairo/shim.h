// Pango lays out the letters' text (line breaking, every Polish letter through fontconfig);
// cairo writes the PDF. AsodeskPDF is the only importer.
#include <pango/pangocairo.h>
#include <cairo/cairo-pdf.h>
