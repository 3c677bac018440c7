#!/usr/bin/env bash
# Installation, as a Debian operator gets it (issue #16):
#  1. `cmake --install BUILD --prefix P` into a fresh directory: the installed binary runs
#     (--version, -h), the installed man page renders without a warning, the installed bash
#     completion is sourced and completes, the zsh one parses, the example configuration and
#     the docs are in share/doc/exlschema.
#  2. `cpack -G DEB`: exlschema_<version>_<arch>.deb, whose Depends (dpkg-shlibdeps) name the
#     package of every shared library the binary links (libmariadb3, libcurl4, libyaml-cpp,
#     libsqlite3, ...), with every file at its Debian path, owned by root, binary stripped;
#     unpacked with `dpkg -x` into a scratch directory, its binary runs and its page renders.
# Nothing is installed on the machine itself.
# Usage: bash install_test.sh BUILD_DIR
set -u
BUILD=$(realpath "${1:?usage: install_test.sh BUILD_DIR}")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export HOME=$WORK
unset EXLSCHEMA_CONFIG
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# check_tree ROOT: the files of an installation under ROOT (a prefix, or an unpacked .deb's usr).
check_tree() {
  local root=$1 file
  for file in bin/exlSchema share/man/man1/exlSchema.1.gz \
    share/bash-completion/completions/exlSchema share/zsh/vendor-completions/_exlSchema \
    share/doc/exlschema/.exlSchema.yaml.example share/doc/exlschema/README.md \
    share/doc/exlschema/docs/cli.md share/doc/exlschema/docs/modes.md; do
    [[ -f $root/$file ]] || fail "$root: no $file"
  done
  [[ -x $root/bin/exlSchema ]] || fail "$root/bin/exlSchema is not executable"
  local version
  version=$("$root/bin/exlSchema" --version | head -1) || fail "$root: --version exited $?"
  [[ $version =~ ^exlSchema\ [0-9]+\.[0-9]+\.[0-9]+ ]] || fail "$root: --version said '$version'"
  "$root/bin/exlSchema" -h | grep -q '^Usage:' || fail "$root: -h shows no usage"
  local warnings
  warnings=$(zcat "$root/share/man/man1/exlSchema.1.gz" | groff -man -Tutf8 -ww -z 2>&1)
  [[ -z $warnings ]] || fail "$root: the installed man page draws warnings: $warnings"
  zcat "$root/share/man/man1/exlSchema.1.gz" | LC_ALL=C.UTF-8 groff -man -Tutf8 -P-cbou 2>/dev/null |
    grep -qx "EXIT STATUS" || fail "$root: the installed man page does not render"
  # The installed bash completion, sourced, completes modes for the installed binary.
  local modes
  modes=$(PATH=$root/bin:$PATH bash --norc --noprofile -c '
    source "$1"
    COMP_WORDS=(exlSchema -o v); COMP_CWORD=2; COMPREPLY=()
    _exlSchema exlSchema v -o
    echo "${COMPREPLY[*]}"' _ "$root/share/bash-completion/completions/exlSchema")
  [[ $modes == "v1 v2 v3 v4 v5" ]] || fail "$root: the installed bash completion gave '$modes'"
  zsh -n "$root/share/zsh/vendor-completions/_exlSchema" || fail "$root: _exlSchema does not parse"
}

# 1. cmake --install into a fresh prefix.
prefix=$WORK/prefix
cmake --install "$BUILD" --prefix "$prefix" >"$WORK/install.log" 2>&1 ||
  fail "cmake --install failed: $(tail -5 "$WORK/install.log")"
check_tree "$prefix"
[[ -e $prefix/bin/unit_cli || -e $prefix/bin/srsim ]] && fail "the install carries test binaries"

# 2. The .deb, built into a scratch directory (the build tree is left as it was).
(cd "$BUILD" && cpack -G DEB -B "$WORK/pkg") >"$WORK/cpack.log" 2>&1 ||
  fail "cpack failed: $(tail -20 "$WORK/cpack.log")"
version=$("$BUILD/exlSchema" --version | awk 'NR==1 {print $2}')
deb=$WORK/pkg/exlschema_${version}_$(dpkg --print-architecture).deb
if [[ ! -f $deb ]]; then
  fail "no $deb (made: $(ls "$WORK/pkg"))"
else
  dpkg-deb -I "$deb" >"$WORK/control" || fail "dpkg-deb -I failed"
  depends=$(sed -n 's/^ Depends: //p' "$WORK/control")
  [[ -n $depends ]] || fail "the package has no Depends: $(cat "$WORK/control")"
  # One package name a line ("libcurl4 (>= 7.16.2)" -> "libcurl4").
  depends_names=$(tr ',|' '\n\n' <<<"$depends" | sed -E 's/^ *//; s/[ (].*//')
  for package in libmariadb3 libcurl4 libyaml-cpp libsqlite3 libc6 libstdc++6; do
    grep -qE "^$(sed 's/[+.]/\\&/g' <<<"$package")" <<<"$depends_names" ||
      fail "Depends lacks $package: $depends"
  done
  # Every library the binary needs (NEEDED), mapped to the Debian package that holds the file
  # the loader picks, is in Depends: what is actually linked, not a hand-kept list.
  needed=0
  while read -r lib; do
    needed=$((needed + 1))
    path=$(ldd "$BUILD/exlSchema" | awk -v l="$lib" '$1 == l {print $3; exit}')
    package=$(dpkg -S "$path" 2>/dev/null | head -1 | cut -d: -f1)
    [[ -z $package ]] && package=$(dpkg -S "$(realpath "$path")" 2>/dev/null | head -1 | cut -d: -f1)
    [[ -n $package ]] || { fail "no package owns $lib ($path)"; continue; }
    # The package itself, or a virtual package it provides (libspdlog1.10 provides the
    # libspdlog1.10-fmt9 its shlibs file names, to follow fmt's ABI).
    provides=$(dpkg-query -W -f='${Provides}' "$package" 2>/dev/null | tr ',' '\n' |
      sed -E 's/^ *//; s/[ (].*//')
    printf '%s\n%s\n' "$package" "$provides" | grep -qxFf - <(grep . <<<"$depends_names") ||
      fail "the binary needs $lib (package $package) but Depends is: $depends"
  done < <(objdump -p "$BUILD/exlSchema" | awk '$1 == "NEEDED" {print $2}')
  ((needed >= 5)) || fail "objdump found only $needed NEEDED libraries"
  grep -qE '^ Package: exlschema$' "$WORK/control" || fail "package name: $(cat "$WORK/control")"
  grep -qE "^ Version: $version$" "$WORK/control" || fail "package version is not $version"

  dpkg-deb -c "$deb" >"$WORK/contents" || fail "dpkg-deb -c failed"
  for file in ./usr/bin/exlSchema ./usr/share/man/man1/exlSchema.1.gz \
    ./usr/share/bash-completion/completions/exlSchema ./usr/share/zsh/vendor-completions/_exlSchema \
    ./usr/share/doc/exlschema/.exlSchema.yaml.example; do
    grep -qE " $file$" "$WORK/contents" || fail "the package lacks $file"
  done
  awk '$2 != "root/root" {print}' "$WORK/contents" | grep -q . &&
    fail "files not owned by root: $(awk '$2 != "root/root"' "$WORK/contents")"
  grep -qE '^-rwxr-xr-x .* \./usr/bin/exlSchema$' "$WORK/contents" || fail "bin/exlSchema is not 0755"
  grep -qE '^-rw-r--r-- .* \./usr/share/man/man1/exlSchema.1.gz$' "$WORK/contents" ||
    fail "the man page is not 0644"

  dpkg -x "$deb" "$WORK/unpacked" || fail "dpkg -x failed"
  check_tree "$WORK/unpacked/usr"
  file "$WORK/unpacked/usr/bin/exlSchema" | grep -q ', stripped' ||
    fail "the packaged binary is not stripped: $(file "$WORK/unpacked/usr/bin/exlSchema")"
fi

echo "install_test.sh: $failures failure(s)"
[[ $failures -eq 0 ]]
