# sys_config FILE DIR [LINE...]: the config of a server's install for the
# tests 064x: the sample's lists, the journal and token key in DIR, each
# LINE one more key under paths: ("templates: ...", "issues: ...").  The
# caller appends its transport: section.
sys_config() {
	_sc_file=$1 _sc_dir=$2
	shift 2
	{
		echo 'sender: { name: News, address: news@example.org }'
		echo 'paths:'
		echo "  lists: $PWD/lists"
		for _sc_l in "$@"; do echo "  $_sc_l"; done
		echo "  state: $_sc_dir/mailer.db"
		echo "secret_file: $_sc_dir/verp.key"
	} >"$_sc_file"
}
