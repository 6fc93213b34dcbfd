# Sourced by ./mvnw and scripts/*: Tycho 5 and the product need a JDK >= 21.
# Keeps JAVA_HOME if it already points at one; otherwise picks the newest suitable JDK under /usr/lib/jvm
# (or the `java` on PATH when that is new enough).
namdrunner_java_ok() {
  _v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  [ -n "$_v" ] && [ "${_v%%.*}" -ge 21 ] 2>/dev/null
}
if [ -z "${JAVA_HOME-}" ] || ! namdrunner_java_ok "$JAVA_HOME"; then
  _found=
  for _d in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV) /Library/Java/JavaVirtualMachines/*/Contents/Home/; do
    _d=${_d%/}
    if [ -x "$_d/bin/java" ] && namdrunner_java_ok "$_d"; then _found=$_d; break; fi
  done
  if [ -z "$_found" ] && command -v java >/dev/null 2>&1; then
    _j=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    namdrunner_java_ok "$_j" && _found=$_j
  fi
  if [ -n "$_found" ]; then JAVA_HOME=$_found; export JAVA_HOME
  else echo "NAMDRunner needs a JDK 21 or newer: set JAVA_HOME to one." >&2; exit 1; fi
fi
