#!/bin/sh
# Forecasts each classic series of examples/data (exported from R's datasets package by
# export-r-datasets.R) one step ahead with the settings of examples/forecast-airpassengers-lstm.properties
# (an LSTM of 16 units, BPTT, windows of 2 seasons, the last 15% tested), once on the values
# (data.difference=0) and once on their differences a season apart (data.difference=SEASON), and
# prints one table row per run: the model's test RMSE, MASE and sMAPE beside persistence's and the
# seasonal-naive forecast's on the same months or years. Run from the repository root after building the distribution:
#   mvn -o -q -pl distribution -am -DskipTests package
#   benchmarks/forecast/run.sh [series ...]
set -e
ROOT=$(pwd)
ENGRAM="$ROOT/distribution/target/engram"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
SERIES=${*:-"airpassengers:12 co2:12 nottem:12 sunspots_yearly:11 lynx:10"}
echo "| series | season | difference | window | test steps | model RMSE | persistence RMSE | seasonal-naive RMSE | model MASE | persistence MASE | seasonal-naive MASE | model sMAPE | persistence sMAPE | seasonal-naive sMAPE |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for entry in $SERIES; do
for diff in 0 season; do
  name=${entry%%:*}
  season=${entry##*:}
  window=$((2 * season))
  [ "$diff" = season ] && diff=$season
  spec="$WORK/$name.properties"
  sed -e "s|^job.name=.*|job.name=forecast-$name-lstm|" \
      -e "s|^data.file=.*|data.file=examples/data/$name.csv|" \
      -e "s|^data.season=.*|data.season=$season|" \
      -e "s|^data.window=.*|data.window=$window|" \
      -e "s|^data.difference=.*|data.difference=$diff|" \
      -e "s|^data.plot=.*|data.plot=$WORK/$name.png|" \
      -e "s|^checkpoint=.*|checkpoint=forecast-$name-lstm.ckpt|" \
      "$ROOT/examples/forecast-airpassengers-lstm.properties" > "$spec"
  (cd "$ENGRAM" && bin/engram run "$spec") > "$WORK/$name.log" 2>&1
  get() { sed -n "s/^  test\.$1 = //p" "$WORK/$name.log"; }
  rows=$(($(wc -l < "$ROOT/examples/data/$name.csv") - 1))
  tested=$((rows - $(awk "BEGIN{printf \"%d\", $rows * 0.85 + 0.5}")))
  echo "| $name | $season | $diff | $window | $tested | $(get rmse) | $(get baseline.persistence.rmse) | $(get baseline.seasonal.rmse) | $(get mase) | $(get baseline.persistence.mase) | $(get baseline.seasonal.mase) | $(get smape) | $(get baseline.persistence.smape) | $(get baseline.seasonal.smape) |"
done
done
