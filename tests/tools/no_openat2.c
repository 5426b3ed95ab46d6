/* Run a program as a container whose seccomp profile does not know
 * openat2() runs it: the call fails with ENOSYS (or, with --eperm, with
 * EPERM, as older container runtimes answer), every other call is let
 * through.
 *   usage: no_openat2 [--eperm] PROGRAM [ARG...] */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	unsigned err = ENOSYS;
	int first = 1;

	if (argc > 1 && !strcmp(argv[1], "--eperm")) {
		err = EPERM;
		first = 2;
	}
	if (argc <= first) {
		fputs("usage: no_openat2 [--eperm] PROGRAM [ARG...]\n", stderr);
		return 2;
	}
	{
		struct sock_filter filter[] = {
			BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
			BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_openat2, 0, 1),
			BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (err & SECCOMP_RET_DATA)),
			BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		};
		struct sock_fprog prog = { (unsigned short)(sizeof(filter) / sizeof(filter[0])),
					   filter };
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
		    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0) {
			perror("no_openat2: seccomp");
			return 2;
		}
	}
	execvp(argv[first], argv + first);
	perror(argv[first]);
	return 127;
}
