// The wide-character API is hidden unless this is defined: SwiftPM drops the -D flags pkg-config gives.
#define NCURSES_WIDECHAR 1
#include <ncursesw/ncurses.h>
