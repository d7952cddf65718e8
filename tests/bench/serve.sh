#!/usr/bin/env bash
# One-click unsubscribes per second through `mailer serve` directly: wrk,
# 16 keep-alive connections (one wrk thread), each request the providers'
# exact POST with a distinct token, each answered only once committed to
# the journal (WAL).  Reference in the same run: the same server, clients
# and connections asking for the neutral page of a forged token (routing,
# HMAC check and page rendering, no journal write).  Afterwards every 200
# must be an unsubscribe in the journal.  Target: >= 2,000/s, p99 < 50 ms.
# The WAL's size is sampled during the POSTs: sustained writes must not
# grow it without end (a passive checkpoint alone never rewinds it).
set -euo pipefail
cd "$(dirname "$0")/../.."
# More tokens than 10 s of POSTs can use (about 11,000/s seen): an
# exhausted token gets the neutral page, which would mix reads into the rate.
N=${BENCH_TOKENS:-250000}
SECS=${BENCH_SECONDS:-10}
T=$(mktemp -d /tmp/mailer-bench-serve.XXXXXX)
PID= SAMPLER=
trap '[ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null
	[ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$T"' EXIT
command -v wrk >/dev/null || { echo "serve bench: wrk not installed (make deps)"; exit 1; }
mkdir -p "$T/p/state" "$T/p/lists" && cp -r templates "$T/p/"
cp lists/aba.yaml "$T/p/lists/big.yaml"
printf 'email,name\n' >"$T/p/lists/big.csv"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$T/p/config.yaml" <<YAML
sender: {name: 科协, address: newsletter@example.org}
paths: {state: state/m.db}
secret_file: state/key
transport: {relays: ['maildir:out']}
web: {base_url: 'http://127.0.0.1:$PORT', max_connections: 64}
YAML
head -c 32 /dev/urandom >"$T/p/state/key"; chmod 600 "$T/p/state/key"
cat >"$T/post.lua" <<'LUA'
-- one thread walks the tokens: no token twice
local n = 0
function setup(thread) n = n + 1; thread:set("tid", n) end
function init(args)
	toks = {}
	for l in io.lines(os.getenv("TOKENS")) do toks[#toks + 1] = l end
	i = tid
end
function request()
	local t = toks[i]
	i = i + 1
	if not t then t = "exhausted" end
	return wrk.format("POST", os.getenv("REQPATH") .. t,
		{ ["Content-Type"] = "application/x-www-form-urlencoded" },
		"List-Unsubscribe=One-Click")
end
LUA
./mailer/mailer --config "$T/p/config.yaml" serve --listen "127.0.0.1:$PORT" \
	>"$T/serve.log" 2>&1 &
PID=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.05; done
# The journal as sends leave it: N recipients of one issue, their tokens
# made by the rule of verp.c (the journal was created by serve itself).
python3 - "$T/p/state" "$N" <<'PY'
import base64, hashlib, hmac, sqlite3, sys, time
d, n = sys.argv[1], int(sys.argv[2])
key = open(d + '/key', 'rb').read()
def b32(b): return base64.b32encode(b).decode().lower().rstrip('=')
db = sqlite3.connect(d + '/m.db')
rows, toks, now = [], [], int(time.time())
for i in range(n):
    e = f'reader{i}@example.org'
    raw = hashlib.sha256(b'2021-01\0big\0' + e.encode()).digest()[:8]
    mac = hmac.new(key, b'verp1' + raw, hashlib.sha256).digest()[:10]
    rows.append(('2021-01', 'big', e, b32(raw), 'sent', now))
    toks.append(b32(raw) + b32(mac))
db.executemany('insert into recipients(issue, list, email, token_id, state,'
               ' updated_at) values (?, ?, ?, ?, ?, ?)', rows)
db.commit()
open(d + '/../tokens', 'w').write('\n'.join(toks) + '\n')
PY
mode=$(sqlite3 "$T/p/state/m.db" 'PRAGMA journal_mode')
run() {	# run PATH-PREFIX LABEL: wrk output in $T/LABEL
	TOKENS=$T/p/tokens REQPATH=$1 wrk -t1 -c16 -d"${SECS}s" --latency \
		-s "$T/post.lua" "http://127.0.0.1:$PORT" >"$T/$2" 2>&1
}
run "/unsubscribe?t=x" ref		# forged: the neutral page, no write
walsize() { stat -c %s "$T/p/state/m.db-wal" 2>/dev/null || echo 0; }
while :; do walsize; sleep 0.2; done >"$T/walsizes" &
SAMPLER=$!
run "/unsubscribe?t=" post
kill "$SAMPLER"; wait "$SAMPLER" 2>/dev/null || true; SAMPLER=
walpeak=$(sort -n "$T/walsizes" | tail -1)
sleep 2		# the checkpoint thread's ticks are 0.5 s
walafter=$(walsize)
rate() { awk '/^Requests\/sec:/ {print $2}' "$T/$1"; }
p99() { awk '$1 == "99%" {print $2}' "$T/$1"; }
non2xx() { awk '/Non-2xx/ {print $5}' "$T/$1"; }
reqs() { awk '/requests in/ {print $1}' "$T/$1"; }
ms() {	# wrk's "12.34ms" / "1.20s" / "800.00us" -> ms
	python3 -c 'import sys; v = sys.argv[1]
for u, f in (("us", 0.001), ("ms", 1), ("s", 1000)):
    if v.endswith(u): print("%.2f" % (float(v[:-len(u)]) * f)); break' "$1"
}
recorded=$(sqlite3 "$T/p/state/m.db" "select count(*) from unsubscribes where list = 'big'")
posted=$(reqs post)
bad=$(non2xx post); bad=${bad:-0}
printf 'serve bench: one-click POSTs, wrk 1 thread x 16 keep-alive connections, %s s, journal %s\n' "$SECS" "$mode"
printf '  one-click POST (commit, then 200):  %8.0f req/s  p99 %s ms  (%s requests, %s non-2xx)\n' \
	"$(rate post)" "$(ms "$(p99 post)")" "$posted" "$bad"
printf '  reference: forged-token page (no write): %5.0f req/s  p99 %s ms\n' \
	"$(rate ref)" "$(ms "$(p99 ref)")"
printf '  ratio POST / reference: %.2f\n' "$(echo "$(rate post) / $(rate ref)" | bc -l)"
printf '  WAL: peak %.1f MB during the POSTs (%s samples), %.1f MB 2 s after\n' \
	"$(echo "$walpeak / 1048576" | bc -l)" "$(wc -l <"$T/walsizes")" \
	"$(echo "$walafter / 1048576" | bc -l)"
printf '  unsubscribes in the journal: %s of %s answered 200\n' "$recorded" "$((posted - bad))"
printf '  target: >= 2000 req/s with p99 < 50 ms, every one recorded: %s\n' \
	"$( [ "$(echo "$(rate post) >= 2000 && $(ms "$(p99 post)") < 50" | bc -l)" = 1 ] &&
	   [ "$recorded" -ge "$((posted - bad))" ] && echo met || echo 'NOT met')"
[ "$recorded" -ge "$((posted - bad))" ]
