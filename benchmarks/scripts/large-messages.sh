#!/usr/bin/env bash
# Large messages against a -Xmx256m broker (docs/decisions.md D23): 8 CLI producers each send
# 200 messages of 1 MB in batches of 10 (8 batches in flight each) to a 4-queue topic, then one
# consumer receives them all. Prints how many were confirmed and received, and how many
# OutOfMemoryError lines the broker logged. Build first: ./mvnw -q -B -DskipTests package
# Usage: benchmarks/scripts/large-messages.sh [PORT] [DATA_DIR]
set -uo pipefail
cd "$(dirname "$0")/../.."
PORT=${1:-19790}
DATA=${2:-target/large-messages-data}
JAR=broker-core/target/rowmq-broker.jar
rm -rf "$DATA" && mkdir -p "$(dirname "$DATA")"
java -Xmx256m -jar "$JAR" --data-dir "$DATA" --port "$PORT" > "$DATA.log" 2>&1 &
BROKER=$!
trap 'kill $BROKER 2>/dev/null' EXIT
for _ in $(seq 1 120); do grep -q "RowMQ broker" "$DATA.log" 2>/dev/null && break; sleep 1; done
B="--broker rowmq://127.0.0.1:$PORT"
java -jar "$JAR" topic create big --queues 4 $B
SENDERS=()
for k in 1 2 3 4 5 6 7 8; do
    java -jar "$JAR" send big --count 200 --size 1000000 --batch 10 $B > "$DATA.send$k" 2>&1 &
    SENDERS+=($!)
done
wait "${SENDERS[@]}"
grep -h "^Confirmed" "$DATA".send* | awk '{sum += $2} END {print "confirmed " sum " of 1600"}'
grep -h "^rowmq:" "$DATA".send* | sort | uniq -c
java -jar "$JAR" receive big --group g --count 1600 --timeout-ms 10000 $B
echo "OutOfMemoryError lines in the broker log: $(grep -c OutOfMemoryError "$DATA.log")"
