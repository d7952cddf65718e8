/*
 * oomshim: an LD_PRELOAD library that makes one allocation fail, for the
 * out-of-memory test (tests/t/0105-out-of-memory.t).  Counting starts when
 * main() is entered, so the dynamic loader's and the libraries'
 * constructors are left alone: OOM_AT=N makes the N-th malloc, calloc or
 * realloc after that return NULL with ENOMEM, once.  With OOM_COUNT set it
 * prints how many there were at exit ("oomshim: N allocations").  With
 * OOM_CRASH=FILE, a crash (SIGSEGV, SIGABRT, SIGBUS) writes to FILE the
 * object and exported function it happened in, the first frame outside
 * glibc ("mailer:?", "libetpan.so.20:clist_free"): a double free that
 * glibc detects blames the one who freed, so the test tells libetpan's
 * crashes from ours without gdb.  OOM_OPENDIR=N makes the N-th opendir()
 * called after main fail with ENOMEM instead (no allocation counted), and
 * OOM_COUNT then counts those calls too ("oomshim: N opendirs").
 */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

static long opendirs, opendir_fail_at = -1;

DIR *
opendir(const char *name)
{
	static DIR *(*next)(const char *);

	if (armed && ++opendirs == opendir_fail_at) {
		errno = ENOMEM;
		return NULL;
	}
	if (!next)
		*(void **)&next = dlsym(RTLD_NEXT, "opendir");
	return next(name);
}

static void
report(void)
{
	fprintf(stderr, "oomshim: %ld allocations\n", count);
	fprintf(stderr, "oomshim: %ld opendirs\n", opendirs);
}

static const char *crash_file;

static const char *
object_of(void *pc, const char **sym)
{
	Dl_info di;
	const char *slash;

	*sym = "?";
	if (!dladdr(pc, &di) || !di.dli_fname)
		return "?";
	if (di.dli_sname)
		*sym = di.dli_sname;
	slash = strrchr(di.dli_fname, '/');
	return slash ? slash + 1 : di.dli_fname;
}

/* glibc's frames (abort, free's checks) and ours are nobody's crash */
static int
blameless(const char *obj)
{
	return !strncmp(obj, "libc.so", 7) || !strcmp(obj, "oomshim.so") ||
	    !strncmp(obj, "ld-linux", 8);
}

static void
on_crash(int sig)
{
	void *pc[64];
	int n = backtrace(pc, 64), fd;
	const char *obj = "?", *sym = "?";

	for (int i = 0; i < n; i++)
		if (!blameless(obj = object_of(pc[i], &sym)))
			break;
	fd = open(crash_file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0) {
		(void)!write(fd, obj, strlen(obj));
		(void)!write(fd, ":", 1);
		(void)!write(fd, sym, strlen(sym));
		(void)!write(fd, "\n", 1);
		close(fd);
	}
	raise(sig);	/* SA_RESETHAND: dies of it, 128 + sig as before */
}

static void
watch_crashes(void)
{
	struct sigaction sa = { .sa_handler = on_crash,
	    .sa_flags = SA_RESETHAND | SA_NODEFER };
	void *warm[1];

	if (!(crash_file = getenv("OOM_CRASH")))
		return;
	/* its first call loads libgcc_s: not under a failing malloc */
	backtrace(warm, 1);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
}

typedef int main_fn(int, char **, char **);
static main_fn *real_main;

static int
armed_main(int argc, char **argv, char **envp)
{
	const char *at = getenv("OOM_AT");

	if (at)
		fail_at = strtol(at, NULL, 10);
	if ((at = getenv("OOM_OPENDIR")))
		opendir_fail_at = strtol(at, NULL, 10);
	if (getenv("OOM_COUNT"))
		atexit(report);
	watch_crashes();
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
