#!/usr/bin/env bash
# A build under umask 077 (cron, the units' UMask=0077) into a folder
# whose parents do not exist yet (web.archive_dir: /srv/www/news/archive
# on a fresh machine): the parents mailer makes let others pass (0711:
# no listing), so the web server can reach the site; they were 0700 and
# nginx answered 403 for a site mailer said it had written.  Folders that
# existed keep their modes.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 3
P=$TMP/p
mk_maildir_project "$P"
printf 'web:\n  base_url: https://news.example.org\n  archive_dir: %s/srv/www/news/archive\n' "$TMP" >>"$P/config.yaml"
echo 'send_at: 2021-01-20T08:00:00+08:00' >>"$P/issues/2021-01/issue.yaml"
mkdir -p "$TMP/srv"; chmod 0750 "$TMP/srv"
(umask 077 && "$MAILER" --config "$P/config.yaml" archive --quiet) >"$TMP/out" 2>&1
ok $? "archive under umask 077 into $TMP/srv/www/news/archive"; sed 's/^/# /' "$TMP/out"
modes=$(stat -c %a "$TMP/srv/www" "$TMP/srv/www/news" "$TMP/srv/www/news/archive" | tr '\n' ' ')
[ "$modes" = "711 711 755 " ]
ok $? "the parents it made 0711, the archive's folder 0755 ($modes)"
[ "$(stat -c %a "$TMP/srv")" = 750 ]
ok $? "a parent that existed keeps its mode"
