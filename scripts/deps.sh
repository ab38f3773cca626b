#!/bin/sh
# deps.sh: make sure the system libraries shardlab builds against are present.
# On Debian/Ubuntu, installs missing -dev packages with apt-get (sudo when not
# root); elsewhere prints the package names for apt, dnf and brew and fails.
set -u

# pkg-config module : Debian package : Fedora package : Homebrew formula
DEPS="ncursesw:libncurses-dev:ncurses-devel:ncurses
readline:libreadline-dev:readline-devel:readline
lua5.4:liblua5.4-dev:lua-devel:lua
libcjson:libcjson-dev:cjson-devel:cjson
cairo:libcairo2-dev:cairo-devel:cairo
fontconfig:libfontconfig-dev:fontconfig-devel:fontconfig"
# tools the tests use (command : Debian package)
TOOLS="pkg-config:pkg-config
tmux:tmux
lua5.4:lua5.4
python3:python3
rsvg-convert:librsvg2-bin"

missing_apt=""
missing_dnf=""
missing_brew=""

if ! command -v pkg-config >/dev/null 2>&1; then
	missing_apt="pkg-config"; missing_dnf="pkgconf-pkg-config"; missing_brew="pkg-config"
fi
for line in $DEPS; do
	mod=${line%%:*}; rest=${line#*:}
	apt=${rest%%:*}; rest=${rest#*:}
	dnf=${rest%%:*}; brew=${rest#*:}
	if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists "$mod"; then
		missing_apt="$missing_apt $apt"; missing_dnf="$missing_dnf $dnf"; missing_brew="$missing_brew $brew"
	fi
done
if [ "${1:-}" = "--test" ]; then
	for line in $TOOLS; do
		cmd=${line%%:*}; pkg=${line#*:}
		command -v "$cmd" >/dev/null 2>&1 || missing_apt="$missing_apt $pkg"
	done
fi
# Optional: clang with libFuzzer for tests/fuzz (Debian 12: clang and
# libclang-rt-14-dev).  Without it make test replays the fuzz corpora
# through a plain main() built with cc, so a failed install is not fatal.
if [ "${1:-}" = "--test" ] && ! printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' |
    clang -x c - -fsanitize=fuzzer -o /dev/null >/dev/null 2>&1; then
	if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }; then
		[ "$(id -u)" = 0 ] && SUDO="" || SUDO="sudo"
		echo "shardlab: installing clang and libclang-rt-14-dev for the fuzz targets" >&2
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq clang libclang-rt-14-dev >&2 ||
			echo "shardlab: no libFuzzer; make test replays the fuzz corpora with cc" >&2
	else
		echo "shardlab: no libFuzzer (clang, libclang-rt-14-dev); make test replays the fuzz corpora with cc" >&2
	fi
fi
[ -z "$(echo $missing_apt)" ] && exit 0

echo "shardlab: missing build dependencies:$missing_apt" >&2
if command -v apt-get >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
	echo "shardlab: installing with: $SUDO apt-get install -y$missing_apt" >&2
	$SUDO apt-get update -qq >&2 || true
	# shellcheck disable=SC2086
	if DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing_apt >&2; then
		exit 0
	fi
	echo "shardlab: apt-get failed; install these by hand:$missing_apt" >&2
	exit 1
fi
echo "shardlab: install them with one of:" >&2
echo "  apt-get install$missing_apt" >&2
echo "  dnf install$missing_dnf" >&2
echo "  brew install$missing_brew" >&2
exit 1
