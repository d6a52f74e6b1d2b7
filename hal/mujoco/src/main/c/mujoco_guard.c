/*
 * Runs the MuJoCo calls that can reach mju_error under a guard, as MuJoCo's own model compiler does
 * (user_model.cc, mjCModel::Compile): a thread-local error handler that copies the message and longjmps back here,
 * so the call returns SPARRING_ERROR instead of continuing past an error MuJoCo expects never to return from (its
 * default handler exits the process). Warnings are copied the same way, without jumping, and a step that raises
 * one stops and returns SPARRING_WARNING.
 *
 * Its symbols from libmujoco are left undefined: the Java side opens libmujoco first (RTLD_GLOBAL), then this
 * library with RTLD_NOW, so both resolve to the one library whose version was checked.
 */
#include <setjmp.h>
#include <stddef.h>
#include <string.h>

#include <mujoco/mujoco.h>

/* Exported by libmujoco 2.2.2 (engine_util_errmem.h), not declared in its public headers. */
typedef void (*sparring_handler)(const char*);
sparring_handler _mjPRIVATE__get_tls_error_fn(void);
void _mjPRIVATE__set_tls_error_fn(sparring_handler h);
sparring_handler _mjPRIVATE__get_tls_warning_fn(void);
void _mjPRIVATE__set_tls_warning_fn(sparring_handler h);

#define SPARRING_OK 0
#define SPARRING_WARNING 1
#define SPARRING_ERROR 2
#define SPARRING_TEXT_SIZE 1000

static _Thread_local jmp_buf guard_jump;
static _Thread_local char error_text[SPARRING_TEXT_SIZE];
static _Thread_local char warning_text[SPARRING_TEXT_SIZE];
static _Thread_local sparring_handler saved_error;
static _Thread_local sparring_handler saved_warning;

static void copy_text(char* to, const char* from) {
    strncpy(to, from, SPARRING_TEXT_SIZE - 1);
    to[SPARRING_TEXT_SIZE - 1] = '\0';
}

static void on_error(const char* message) {
    copy_text(error_text, message);
    longjmp(guard_jump, 1);
}

static void on_warning(const char* message) {
    copy_text(warning_text, message);
}

static void enter(void) {
    saved_error = _mjPRIVATE__get_tls_error_fn();
    saved_warning = _mjPRIVATE__get_tls_warning_fn();
    _mjPRIVATE__set_tls_error_fn(on_error);
    _mjPRIVATE__set_tls_warning_fn(on_warning);
}

static void leave(void) {
    _mjPRIVATE__set_tls_error_fn(saved_error);
    _mjPRIVATE__set_tls_warning_fn(saved_warning);
}

static int warnings_raised(const mjData* d) {
    int total = 0;
    for (int i = 0; i < mjNWARNING; i++) {
        total += d->warning[i].number;
    }
    return total;
}

/* The message of the last SPARRING_ERROR on this thread. */
const char* sparring_error_text(void) {
    return error_text;
}

/* The message of the last warning on this thread. */
const char* sparring_warning_text(void) {
    return warning_text;
}

/*
 * Up to n steps; stops after a step that raised a warning (MuJoCo has then reset the state for a bad
 * qpos/qvel/qacc). After an error the data is reset with mj_resetData: an error leaves its stack in use.
 */
int sparring_step(const mjModel* m, mjData* d, int n) {
    volatile int status = SPARRING_OK;
    enter();
    if (setjmp(guard_jump) == 0) {
        const int before = warnings_raised(d);
        for (int i = 0; i < n; i++) {
            mj_step(m, d);
            if (warnings_raised(d) != before) {
                status = SPARRING_WARNING;
                break;
            }
        }
    } else {
        mj_resetData(m, d);
        status = SPARRING_ERROR;
    }
    leave();
    return status;
}

/* mj_forward under the guard, with the same results as sparring_step. */
int sparring_forward(const mjModel* m, mjData* d) {
    volatile int status = SPARRING_OK;
    enter();
    if (setjmp(guard_jump) == 0) {
        const int before = warnings_raised(d);
        mj_forward(m, d);
        if (warnings_raised(d) != before) {
            status = SPARRING_WARNING;
        }
    } else {
        mj_resetData(m, d);
        status = SPARRING_ERROR;
    }
    leave();
    return status;
}

/* mj_makeData under the guard: NULL after an error (out of memory), its text in sparring_error_text. */
mjData* sparring_make_data(const mjModel* m) {
    mjData* volatile d = NULL;
    enter();
    if (setjmp(guard_jump) == 0) {
        d = mj_makeData(m);
    }
    leave();
    return d;
}
