# SIGKILL a command again and again at random moments (bash; source it).
#
# kill_loop CYCLES LEFT-FN CMD [ARGS...]: starts CMD in the background,
# kills it 30 ms to HI ms later and restarts it, until CYCLES kills have
# met a running CMD (or 4 x CYCLES tries).  LEFT-FN prints how much work
# is left (a count).  How much a run gets done before its kill depends on
# the machine, so the window (HI, from 150 ms down to 60) shrinks whenever
# one run did more than its share of the work: the kills stay spread over
# the whole of it instead of the work ending before the last kill (CI of
# stop 28 ran out of DSNs after 16 of 20).  Sets KILLS and KILL_HI.
kill_loop() {
	local cycles=$1 leftfn=$2 tries=0 before share ms pid
	shift 2
	KILLS=0 KILL_HI=150
	share=$(($($leftfn) / (cycles + 5)))
	while [ $KILLS -lt "$cycles" ] && [ $tries -lt $((cycles * 4)) ]; do
		tries=$((tries + 1))
		before=$($leftfn)
		"$@" >/dev/null 2>&1 &
		pid=$!
		ms=$((RANDOM % (KILL_HI - 25) + 30))
		sleep "0.$(printf '%03d' "$ms")"
		# a kill counts only if it met a running command, not a finished one
		if grep -qv '^State:.*Z' <(grep '^State:' /proc/$pid/status 2>/dev/null) &&
		    kill -KILL $pid 2>/dev/null; then KILLS=$((KILLS + 1)); fi
		wait $pid 2>/dev/null
		if [ $((before - $($leftfn))) -gt "$share" ] && [ $KILL_HI -gt 60 ]; then
			KILL_HI=$((KILL_HI * 2 / 3))
		fi
	done
	echo "# $KILLS kills in $tries tries, window at the end 30-$KILL_HI ms, $($leftfn) left"
}
