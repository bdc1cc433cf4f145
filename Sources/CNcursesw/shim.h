// The wide-character API is hidden unless this is defined: SwiftPM drops the -D flags pkg-config gives.
#define NCURSES_WIDECHAR 1
#include <ncursesw/ncurses.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>

// Swift cannot import function-like macros (A_BOLD, KEY_F, getmaxyx) and Swift 6 rejects the
// mutable C globals (stdscr, COLORS, COLOR_PAIRS, stdin/stdout) as not concurrency-safe.
// These accessors are the whole workaround; AsodeskTerminal calls them on the main actor only.

static inline WINDOW *asodesk_stdscr(void) { return stdscr; }
static inline int asodesk_colors(void) { return COLORS; }
static inline int asodesk_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *asodesk_stdout(void) { return stdout; }
static inline FILE *asodesk_stdin(void) { return stdin; }

static inline attr_t asodesk_a_normal(void) { return A_NORMAL; }
static inline attr_t asodesk_a_bold(void) { return A_BOLD; }
static inline attr_t asodesk_a_dim(void) { return A_DIM; }
static inline attr_t asodesk_a_underline(void) { return A_UNDERLINE; }
static inline attr_t asodesk_a_reverse(void) { return A_REVERSE; }

static inline int asodesk_key_f(int n) { return KEY_F(n); }

static inline int asodesk_max_y(WINDOW *window) { int y, x; getmaxyx(window, y, x); (void)x; return y; }
static inline int asodesk_max_x(WINDOW *window) { int y, x; getmaxyx(window, y, x); (void)y; return x; }

// The code set of the current LC_CTYPE ("UTF-8" when wide characters will be drawn).
static inline const char *asodesk_codeset(void) { return nl_langinfo(CODESET); }
