#!/bin/sh
# Compiles kernels.cu into the PTX that the cuda backend ships and loads at run time (the driver
# compiles PTX for the device it finds). Needs nvcc; run it after changing kernels.cu and commit
# the result. The kernels use PTX ISA 7.5 features only, so the ISA version is set to 7.5 to let
# drivers from CUDA 11.5 on load them.
set -e
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../resources/io/engram/backend/cuda/internal/kernels.ptx"
mkdir -p "$(dirname "$out")"
nvcc -ptx -arch=compute_75 -O3 -o "$out.tmp" "$here/kernels.cu"
sed -e 's/^\.version [0-9.]*$/.version 7.5/' "$out.tmp" > "$out.tmp2"
rm "$out.tmp"
mv "$out.tmp2" "$out"
grep -c '^\.visible \.entry' "$out"
