/* Unit tests for lock.c: a forked child holds the lock. */
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>

#include "lock.h"
#include "unit.h"
#include "util.h"

START_TEST(test_lock)
{
	char dir[] = "/tmp/lockXXXXXX";
	char *state;
	int p[2], fd, fd2;
	long holder;
	pid_t child;
	char c;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	state = path_join(dir, "state.db");
	ck_assert_int_eq(pipe(p), 0);
	if ((child = fork()) == 0) {
		close(p[0]);
		if (lock_acquire(state, &fd, &holder) != 0)
			_exit(1);
		if (write(p[1], "x", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	close(p[1]);
	ck_assert_int_eq(read(p[0], &c, 1), 1);	/* child holds it */
	ck_assert_int_eq(lock_acquire(state, &fd, &holder), 1);
	ck_assert_int_eq(fd, -1);
	ck_assert_int_eq(holder, child);
	kill(child, SIGKILL);	/* Check forwards SIGTERM to the group */
	waitpid(child, NULL, 0);
	ck_assert_int_eq(lock_acquire(state, &fd, &holder), 0);
	ck_assert_int_ne(fd, -1);
	/* a second open file description in the same process conflicts */
	ck_assert_int_eq(lock_acquire(state, &fd2, &holder), 1);
	ck_assert_int_eq(holder, getpid());
	lock_release(fd);
	ck_assert_int_eq(lock_acquire(state, &fd, &holder), 0);
	lock_release(fd);
	lock_release(-1);
	close(p[0]);
	free(state);
	rm_rf(dir);
}
END_TEST

/* flock(1) and other programs hold the lock without writing a pid */
START_TEST(test_foreign_holder)
{
	char dir[] = "/tmp/lockXXXXXX";
	char who[LOCK_HOLDER_MAX];
	char *state, *lockpath;
	int other, fd;
	long holder = -1;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	state = path_join(dir, "state.db");
	lockpath = xasprintf("%s.lock", state);
	other = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	ck_assert_int_ne(other, -1);
	ck_assert_int_eq(flock(other, LOCK_EX | LOCK_NB), 0);
	ck_assert_int_eq(lock_acquire(state, &fd, &holder), 1);
	ck_assert_int_eq(holder, 0);
	ck_assert_str_eq(lock_holder(holder, who),
	    "another process (pid unknown)");
	ck_assert_str_eq(lock_holder(4194304, who),
	    "another mailer run (pid 4194304)");
	close(other);
	ck_assert_int_eq(lock_acquire(state, &fd, &holder), 0);
	lock_release(fd);
	free(lockpath);
	free(state);
	rm_rf(dir);
}
END_TEST

static Suite *
lock_suite(void)
{
	Suite *s = suite_create("lock");
	TCase *tc = tcase_create("lock");

	tcase_add_test(tc, test_lock);
	tcase_add_test(tc, test_foreign_holder);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(lock_suite)
