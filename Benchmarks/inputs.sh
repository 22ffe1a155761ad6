# Shared by the benchmark scripts: the generated certificates and their base64-lines files.
# Sourced with `work` set (the folder that keeps them between runs).

bulk_certificates() {  # N -> prints the folder of N generated certificates (made once)
  local n=$1 folder="$work/certs-$1"
  if [ ! -f "$folder/.complete" ]; then
    rm -rf "$folder"
    python3 TestVectors/generator/generate.py --bulk "$n" "$folder" >/dev/null
    touch "$folder/.complete"
  fi
  echo "$folder"
}

base64_lines() {  # FOLDER TARGET COUNT -> one base64 line per certificate, the folder's DER files
  # in name order, repeated from the start when COUNT is larger (made once)
  [ -f "$2" ] && return 0
  python3 - "$@" <<'PY'
import base64, os, sys
folder, target, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = [base64.b64encode(open(os.path.join(folder, n), "rb").read()).decode() + "\n"
         for n in sorted(os.listdir(folder)) if n.endswith(".der")]
with open(target + ".partial", "w") as out:
    for i in range(count):
        out.write(lines[i % len(lines)])
os.rename(target + ".partial", target)
PY
}
