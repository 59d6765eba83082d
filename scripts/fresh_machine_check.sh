#!/usr/bin/env bash
# Runs the README's two commands on a truly fresh Debian 12 machine: a minimal root made with
# debootstrap from this machine's own apt mirror, holding a clean clone of HEAD and nothing else.
# It catches what a developer's machine hides: a package installed by hand long ago, a Node.js
# from outside Debian, a file left in .deps/. Too slow for `make test` (about 35 minutes on two
# cores); run it before closing any change to set-up, the build or a dependency.
#
#   sudo scripts/fresh_machine_check.sh            # or: make fresh-check
#   KEEP=1 FRESH_ROOT=/var/tmp/dojo-fresh ...      # keep the root afterwards to look inside
#
# Exit status: 0 when `make test` passed and `make run` served the page, 1 otherwise.
# Every step's output is in $FRESH_ROOT/fresh-check.log; the last lines say what passed.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fresh="${FRESH_ROOT:-/var/tmp/dojo-fresh-$$}"
port="${FRESH_PORT:-18765}"
log="$fresh.log"
sources=/etc/apt/sources.list.d/debian.sources

say() { printf '\033[1;34m[fresh-check]\033[0m %s\n' "$*" | tee -a "$log"; }
die() { printf '\033[1;31m[fresh-check] error:\033[0m %s\n' "$*" | tee -a "$log" >&2; exit 1; }
now() { date +%s; }
minutes() { awk -v s="$1" 'BEGIN { printf "%.1f", s / 60 }'; }

[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot and mounts): run it with sudo"
[ -f "$sources" ] || die "no $sources to take the apt mirror from"
[ ! -e "$fresh" ] || die "$fresh already exists: remove it or set FRESH_ROOT to a new path"
git -C "$repo" rev-parse --verify HEAD >/dev/null || die "$repo is not a git checkout with a HEAD"
if ! git -C "$repo" diff --quiet HEAD; then
  say "note: uncommitted changes are not checked; the clone holds HEAD ($(git -C "$repo" rev-parse --short HEAD))"
fi

# The first deb entry of this machine's own source list names the mirror; no host is written here.
mirror=$(awk '/^URIs:/ { print $2; exit }' "$sources")
[ -n "$mirror" ] || die "no URIs: line in $sources"
: >"$log"

if ! command -v debootstrap >/dev/null 2>&1; then
  say "installing debootstrap"
  apt-get update -q >>"$log" 2>&1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap >>"$log" 2>&1 \
    || die "could not install debootstrap, see $log"
fi

mounts=()
cleanup() {
  local m
  # Unmount in reverse order; a leftover bind mount would make the root impossible to delete.
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    m=${mounts[$i]}
    umount -R "$m" 2>/dev/null || umount -lR "$m" 2>/dev/null || true
  done
  if [ "${KEEP:-0}" = 1 ]; then
    say "kept the root at $fresh"
  elif [ -d "$fresh" ]; then
    rm -rf --one-file-system "$fresh"
  fi
}
trap cleanup EXIT

start=$(now)
say "debootstrap --variant=minbase bookworm $fresh (mirror from $sources)"
debootstrap --variant=minbase bookworm "$fresh" "$mirror" >>"$log" 2>&1 \
  || die "debootstrap failed, see $log"
say "root ready in $(($(now) - start)) s"

# The same apt source list as this machine, so apt and setup.sh's deb-src entry use its mirror.
rm -f "$fresh/etc/apt/sources.list"
cp "$sources" "$fresh/etc/apt/sources.list.d/debian.sources"
cp /etc/resolv.conf "$fresh/etc/resolv.conf" 2>/dev/null || true
# This machine's extra CA certificates; setup.sh's ca-certificates install (or the explicit
# update below) puts them in the store, without which npm fails with SELF_SIGNED_CERT_IN_CHAIN.
mkdir -p "$fresh/usr/local/share/ca-certificates"
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  cp /usr/local/share/ca-certificates/*.crt "$fresh/usr/local/share/ca-certificates/"
fi

for d in proc sys dev; do
  mount --rbind "/$d" "$fresh/$d"
  mount --make-rslave "$fresh/$d"
  mounts+=("$fresh/$d")
done

git clone -q --no-hardlinks "$repo" "$fresh/root/compute-dojo"
checked=$(git -C "$repo" rev-parse --short HEAD)  # the commit checked, even if HEAD moves while this runs
git -C "$fresh/root/compute-dojo" checkout -q "$checked"
say "clean clone of $checked in /root/compute-dojo"

in_root() { # runs a command in the fresh root with a login-like, clean environment
  chroot "$fresh" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    bash -c "$1"
}

# ca-certificates first, only so that the extra certificates are in the store before npm runs;
# everything else is left to the README's commands.
in_root 'apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ca-certificates make && update-ca-certificates' \
  >>"$log" 2>&1 || die "could not install ca-certificates and make in the root, see $log"
say "ca-certificates and make installed (the README assumes make)"

t0=$(now)
say "make test (the README's test command; about 35 minutes on two cores)"
test_rc=0
in_root 'cd /root/compute-dojo && make test' >>"$log" 2>&1 || test_rc=$?
test_s=$(($(now) - t0))
if [ "$test_rc" -eq 0 ]; then
  say "make test: passed in $(minutes "$test_s") min"
else
  say "make test: FAILED (rc=$test_rc) after $(minutes "$test_s") min; the end of $log says why"
fi

t0=$(now)
say "make run (the README's main command) until http://127.0.0.1:$port/ answers"
run_rc=1
setsid chroot "$fresh" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb PORT="$port" \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  bash -c 'cd /root/compute-dojo && exec make run' >>"$log" 2>&1 &
run_pid=$!
# make run builds first when make test did not; give it the time a build takes.
for _ in $(seq 1 2400); do
  if ! kill -0 "$run_pid" 2>/dev/null; then break; fi
  if page=$(curl -fsS "http://127.0.0.1:$port/" 2>/dev/null) && grep -q "dojo.js" <<<"$page"; then
    run_rc=0
    break
  fi
  sleep 1
done
kill -- "-$run_pid" 2>/dev/null || true
wait "$run_pid" 2>/dev/null || true
run_s=$(($(now) - t0))
if [ "$run_rc" -eq 0 ]; then
  say "make run: the page answered after $run_s s"
else
  say "make run: the page never answered (after $run_s s); the end of $log says why"
fi

total=$(($(now) - start))
say "summary: make test rc=$test_rc ($(minutes "$test_s") min), make run $([ "$run_rc" -eq 0 ] && echo served || echo FAILED), whole check $(minutes "$total") min, commit $checked"
[ "$test_rc" -eq 0 ] && [ "$run_rc" -eq 0 ]
