/*
 * oomshim: an LD_PRELOAD library that makes one allocation fail, for the
 * out-of-memory test (tests/t/0105-out-of-memory.t).  Counting starts when
 * main() is entered, so the dynamic loader's and the libraries'
 * constructors are left alone: OOM_AT=N makes the N-th malloc, calloc or
 * realloc after that return NULL with ENOMEM, once.  With OOM_COUNT set it
 * prints how many there were at exit ("oomshim: N allocations").
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

/* glibc's own entry points: no dlsym (which allocates) before main */
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

static long count, fail_at = -1;
static int armed;

static int
fails(void)
{
	if (!armed)
		return 0;
	if (++count != fail_at)
		return 0;
	errno = ENOMEM;
	return 1;
}

void *
malloc(size_t n)
{
	return fails() ? NULL : __libc_malloc(n);
}

void *
calloc(size_t n, size_t size)
{
	return fails() ? NULL : __libc_calloc(n, size);
}

void *
realloc(void *p, size_t n)
{
	return fails() ? NULL : __libc_realloc(p, n);
}

static void
report(void)
{
	fprintf(stderr, "oomshim: %ld allocations\n", count);
}

typedef int main_fn(int, char **, char **);
static main_fn *real_main;

static int
armed_main(int argc, char **argv, char **envp)
{
	const char *at = getenv("OOM_AT");

	if (at)
		fail_at = strtol(at, NULL, 10);
	if (getenv("OOM_COUNT"))
		atexit(report);
	armed = 1;
	return real_main(argc, argv, envp);
}

/* glibc calls main through this: wrap main to arm the counter. */
int
__libc_start_main(main_fn *m, int argc, char **argv, void (*init)(void),
    void (*fini)(void), void (*rtld_fini)(void), void *stack)
{
	int (*next)(main_fn *, int, char **, void (*)(void), void (*)(void),
	    void (*)(void), void *);

	*(void **)&next = dlsym(RTLD_NEXT, "__libc_start_main");
	real_main = m;
	return next(armed_main, argc, argv, init, fini, rtld_fini, stack);
}
