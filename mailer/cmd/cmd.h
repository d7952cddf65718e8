/*
 * cmd: the subcommands.  Each takes the arguments after its name (argv[0] is
 * the command name) and returns a code of the exit-code table
 * (exitcode.h); main.c returns it from main().
 */
#ifndef MAILER_CMD_H
#define MAILER_CMD_H

#include <signal.h>

int cmd_check(int argc, char **argv);
int cmd_preview(int argc, char **argv);
int cmd_send(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_bounces(int argc, char **argv);
int cmd_run(int argc, char **argv);
/* check --dns (cmd_checkdns.c), reached through cmd_check. */
int cmd_check_dns(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_archive(int argc, char **argv);
int cmd_dkim(int argc, char **argv);
int cmd_lists(int argc, char **argv);
/* lists rename OLD NEW (cmd_lists_rename.c), reached through cmd_lists. */
struct config;
int cmd_lists_rename(const struct config *c, int n, char **ids);
int cmd_suppress(int argc, char **argv);

/*
 * send and run (cmd_signal.c): SIGINT and SIGTERM set cmd_stop, and the
 * command stops after what is in flight; SIGPIPE is ignored.
 */
extern volatile sig_atomic_t cmd_stop;
void cmd_catch_signals(void);

/* The global --config path (default "config.yaml"), set by main.c. */
extern const char *cmd_config_path;

#endif
