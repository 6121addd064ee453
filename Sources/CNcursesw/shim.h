#ifndef PATCHBAY_CNCURSESW_SHIM_H
#define PATCHBAY_CNCURSESW_SHIM_H
// The only C bridge to ncursesw. SwiftPM drops pkg-config's -D flags, so the wide-character
// API is switched on here, before <curses.h>. ncurses' macros (COLOR_PAIR, KEY_F, A_*),
// globals (stdscr, LINES, COLS) and variadics are not callable from Swift: each gets a
// prefixed static inline wrapper.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <stdlib.h>
#include <langinfo.h>
#include <wchar.h>
#include <curses.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>

/// ncurses draws wide characters by the C library's character type, which is single-byte in
/// the "C" locale; switch it to UTF-8 when the environment chose a single-byte one.
static inline void pb_ensure_utf8_ctype(void) {
    const char *current = setlocale(LC_CTYPE, NULL);
    if (current == NULL || current[0] == 'C' || current[0] == 'P') setlocale(LC_CTYPE, "C.UTF-8");
}

static inline WINDOW *pb_stdscr(void) { return stdscr; }
static inline int pb_lines(void) { return LINES; }
static inline int pb_cols(void) { return COLS; }
static inline int pb_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t pb_a_normal(void) { return A_NORMAL; }
static inline attr_t pb_a_bold(void) { return A_BOLD; }
static inline attr_t pb_a_dim(void) { return A_DIM; }
static inline attr_t pb_a_reverse(void) { return A_REVERSE; }
static inline attr_t pb_a_underline(void) { return A_UNDERLINE; }

static inline int pb_key_f(int n) { return KEY_F(n); }
static inline int pb_key_resize(void) { return KEY_RESIZE; }
static inline int pb_key_mouse(void) { return KEY_MOUSE; }
static inline int pb_key_code_yes(void) { return KEY_CODE_YES; }
static inline int pb_err(void) { return ERR; }

/// Reads one key or character; returns KEY_CODE_YES for function keys, OK for characters, ERR on timeout.
static inline int pb_get_wch(wint_t *out) { return wget_wch(stdscr, out); }

/// Draws `count` wide characters at (y, x) with attributes and colour pair.
static inline int pb_put(int y, int x, const wchar_t *text, int count, attr_t attrs, short pair) {
    if (wattr_set(stdscr, attrs, pair, NULL) == ERR) return ERR;
    return mvwaddnwstr(stdscr, y, x, text, count);
}

static inline int pb_move(int y, int x) { return wmove(stdscr, y, x); }
static inline int pb_keypad(bool on) { return keypad(stdscr, on); }
static inline int pb_timeout(int ms) { wtimeout(stdscr, ms); return OK; }
static inline int pb_mouse(bool on) {
    mmask_t old;
    return mousemask(on ? (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED) : 0, &old) == 0 && on ? ERR : OK;
}
static inline int pb_get_mouse(int *y, int *x, unsigned long *state) {
    MEVENT event;
    if (getmouse(&event) != OK) return ERR;
    *y = event.y; *x = event.x; *state = (unsigned long)event.bstate;
    return OK;
}
static inline unsigned long pb_button4(void) { return BUTTON4_PRESSED; }
static inline unsigned long pb_button5(void) { return BUTTON5_PRESSED; }
static inline void pb_set_escdelay(int ms) { set_escdelay(ms); }
static inline bool pb_is_endwin(void) { return isendwin(); }

// A crash (a Swift trap is SIGILL or SIGTRAP) must not leave the shell in raw mode on the
// alternate screen: restore the terminal settings saved before curses started, with only
// async-signal-safe calls, then die of the same signal.
static inline struct termios *pb_saved_termios(void) {
    static struct termios saved;
    return &saved;
}
static inline int *pb_saved_termios_ok(void) {
    static int ok;
    return &ok;
}

static inline void pb_crash_handler(int sig) {
    if (*pb_saved_termios_ok()) tcsetattr(STDIN_FILENO, TCSANOW, pb_saved_termios());
    static const char reset[] = "\033[0m\033[?1000l\033[?1006l\033[?25h\033[?1049l\r\n";
    ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
    (void)ignored;
    signal(sig, SIG_DFL);
    raise(sig);
}

static inline void pb_install_crash_restore(void) {
    *pb_saved_termios_ok() = tcgetattr(STDIN_FILENO, pb_saved_termios()) == 0;
    int signals[] = {SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE};
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction action;
        action.sa_handler = pb_crash_handler;
        action.sa_flags = SA_RESETHAND;
        sigemptyset(&action.sa_mask);
        sigaction(signals[i], &action, NULL);
    }
}

// SIGINT, SIGTERM and SIGHUP end the workbench through its normal exit. A handler (not SIG_IGN,
// which children would inherit) records the signal; the UI loop polls it between frames.
static inline volatile sig_atomic_t *pb_termination_flag(void) {
    static volatile sig_atomic_t received;
    return &received;
}

static inline void pb_termination_handler(int sig) { *pb_termination_flag() = sig; }

static inline void pb_catch_termination(void) {
    int signals[] = {SIGINT, SIGTERM, SIGHUP};
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction action;
        action.sa_handler = pb_termination_handler;
        action.sa_flags = 0;
        sigemptyset(&action.sa_mask);
        sigaction(signals[i], &action, NULL);
    }
}

static inline int pb_termination_signal(void) { return (int)*pb_termination_flag(); }

// While a program the workbench lends the terminal to runs ($EDITOR, in our process group),
// Ctrl-C and Ctrl-\ are that program's: ignored here as git does, restored after. SIG_IGN is a
// macro Swift cannot call.
static inline struct sigaction *pb_held_actions(void) {
    static struct sigaction held[2];
    return held;
}

static inline void pb_hold_interrupts(void) {
    struct sigaction ignore;
    ignore.sa_handler = SIG_IGN;
    ignore.sa_flags = 0;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGINT, &ignore, &pb_held_actions()[0]);
    sigaction(SIGQUIT, &ignore, &pb_held_actions()[1]);
}

static inline void pb_release_interrupts(void) {
    sigaction(SIGINT, &pb_held_actions()[0], NULL);
    sigaction(SIGQUIT, &pb_held_actions()[1], NULL);
}

/// Makes our process group the terminal's foreground group again, should the program we lent
/// the terminal to have given it to another (a job-control shell). tcsetpgrp from a background
/// group raises SIGTTOU, ignored meanwhile.
static inline void pb_take_terminal(void) {
    if (!isatty(STDIN_FILENO) || tcgetpgrp(STDIN_FILENO) == getpgrp()) return;
    struct sigaction ignore, old;
    ignore.sa_handler = SIG_IGN;
    ignore.sa_flags = 0;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGTTOU, &ignore, &old);
    tcsetpgrp(STDIN_FILENO, getpgrp());
    sigaction(SIGTTOU, &old, NULL);
}

/// keyname() of a code beyond the standard keys (xterm's Ctrl-arrows are "kLFT5", "kRIT5").
static inline const char *pb_keyname(int code) { return keyname(code); }

#endif
