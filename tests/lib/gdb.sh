# shellcheck shell=bash
# gdb_batch OUT EX... -- CMD...: runs CMD under gdb in batch mode, each EX
# one -ex command after the usual settings (no debuginfod, no pager,
# breakpoints in libraries not loaded yet, SIGPIPE passed quietly), all
# output into OUT.  LeakSanitizer aborts under ptrace: it is off for CMD.
gdb_batch() {
	local out=$1 ex=()
	shift
	while [ $# -gt 0 ] && [ "$1" != -- ]; do ex+=(-ex "$1"); shift; done
	shift
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	gdb -q -batch -nx -iex 'set debuginfod enabled off' \
		-ex 'set pagination off' -ex 'set breakpoint pending on' \
		-ex 'handle SIGPIPE nostop noprint pass' "${ex[@]}" \
		--args "$@" >"$out" 2>&1
}
# gdb_kill_at FUNC N OUT CMD...: runs CMD under gdb_batch, SIGKILLed as
# it calls FUNC the Nth time (output into OUT); true when it was.
gdb_kill_at() {
	local func=$1 n=$2 out=$3
	shift 3
	gdb_batch "$out" "break $func" "ignore 1 $((n - 1))" run kill -- "$@"
	grep -q "Breakpoint 1, .*$func" "$out" && grep -q 'Inferior 1 .* killed' "$out"
}
# gdb_calls OUT FUNC... -- CMD...: runs CMD under gdb_batch and prints,
# for each FUNC in order, how many times CMD called it ("FUNC N").
gdb_calls() {
	local out=$1 funcs=() ex=()
	shift
	while [ "$1" != -- ]; do
		funcs+=("$1")
		ex+=("break $1" "ignore ${#funcs[@]} 1000000")
		shift
	done
	shift
	gdb_batch "$out" "${ex[@]}" run 'info breakpoints' -- "$@"
	awk -v list="${funcs[*]}" '
		BEGIN { n = split(list, name, " ") }
		/^[0-9]+ +breakpoint/ { num = $1 }
		/breakpoint already hit/ { hits[num] = $4 }
		END { for (i = 1; i <= n; i++) printf "%s %d\n", name[i], hits[i] }' "$out"
}
