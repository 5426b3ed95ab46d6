#define _GNU_SOURCE
#include "pool.h"

#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "mem.h"
#include "text.h"

/* Most threads a loop starts: past the cores, threads only add contention. */
#define POOL_MAX_THREADS 64

typedef struct loop {
	wq_pool_fn fn;
	void *ctx;
	size_t n;
	size_t next;          /* the next task to take (under lock) */
	size_t failed;        /* the lowest failed task, or n */
	int rc;               /* its code */
	wq_err err;           /* its error */
	wq_diag **warnings;   /* each task's diagnostics, or NULL when it gave none */
	wq_diag *diag;        /* where they go (NULL: the loop stops at a failure) */
	pthread_mutex_t lock;
} loop;

size_t wq_pool_default_jobs(void)
{
	cpu_set_t set;
	long n;

	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
		return (size_t)CPU_COUNT(&set);
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : (size_t)n;
}

static void run_task(loop *l, size_t i)
{
	wq_err err = WQ_ERR_INIT;
	wq_diag *mine = wq_diag_new(), *before = wq_diag_redirect(mine);
	int rc = l->fn(l->ctx, i, &err);

	wq_diag_redirect(before);
	if (rc < 0 && l->diag && !err.logged)
		wq_diag_add_err(mine, &err);
	if (wq_diag_count(mine)) {
		l->warnings[i] = mine;
	} else {
		wq_diag_free(mine);
	}
	if (rc < 0) {
		pthread_mutex_lock(&l->lock);
		if (i < l->failed) {
			l->failed = i;
			l->rc = rc;
			l->err = err;
		}
		pthread_mutex_unlock(&l->lock);
	}
}

static void *worker(void *arg)
{
	loop *l = arg;

	for (;;) {
		size_t i;
		bool stop;
		pthread_mutex_lock(&l->lock);
		i = l->next++;
		stop = i >= l->n || (!l->diag && i > l->failed);
		pthread_mutex_unlock(&l->lock);
		if (stop)
			break;
		run_task(l, i);
	}
	return NULL;
}

static void *thread_main(void *arg)
{
	worker(arg);
	wq_text_release_thread(); /* this thread's ICU objects */
	return NULL;
}

int wq_pool_for(size_t jobs, size_t n, wq_pool_fn fn, void *ctx, wq_diag *diag, wq_err *err)
{
	pthread_t threads[POOL_MAX_THREADS];
	size_t started = 0, i;
	loop l;

	if (!n)
		return 0;
	if (jobs < 1)
		jobs = 1;
	l.fn = fn;
	l.ctx = ctx;
	l.n = n;
	l.next = 0;
	l.failed = n;
	l.rc = 0;
	l.diag = diag;
	l.warnings = wq_xcalloc(n, sizeof(*l.warnings));
	pthread_mutex_init(&l.lock, NULL);
	if (jobs > POOL_MAX_THREADS)
		jobs = POOL_MAX_THREADS;
	if (jobs > n)
		jobs = n;
	/* The calling thread is a worker too; a thread that cannot start
	 * only leaves more for the others. */
	for (i = 1; i < jobs; i++) {
		if (pthread_create(&threads[started], NULL, thread_main, &l) != 0)
			break;
		started++;
	}
	worker(&l);
	for (i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	pthread_mutex_destroy(&l.lock);
	/* Where this thread's diagnostics go (a task of another pool's: its own list). */
	diag = wq_diag_target(diag);
	for (i = 0; i < n; i++) {
		if ((diag || i <= l.failed) && l.warnings[i])
			wq_diag_take(diag, l.warnings[i]);
		wq_diag_free(l.warnings[i]);
	}
	free(l.warnings);
	if (l.failed < n) {
		*err = l.err;
		return l.rc;
	}
	return 0;
}

struct wq_pool_aside {
	pthread_t thread;
	void (*fn)(void *ctx);
	void *ctx;
};

static void *aside_main(void *arg)
{
	wq_pool_aside *a = arg;

	a->fn(a->ctx);
	wq_text_release_thread();
	return NULL;
}

wq_pool_aside *wq_pool_start_aside(size_t jobs, void (*fn)(void *ctx), void *ctx)
{
	wq_pool_aside *a;

	if (jobs < 2)
		return NULL;
	a = wq_xmalloc(sizeof(*a));
	a->fn = fn;
	a->ctx = ctx;
	if (pthread_create(&a->thread, NULL, aside_main, a) != 0) {
		free(a);
		return NULL;
	}
	return a;
}

void wq_pool_join_aside(wq_pool_aside *a)
{
	if (!a)
		return;
	pthread_join(a->thread, NULL);
	free(a);
}
