// Engram's CUDA kernels: elementwise ops with broadcasting, reductions along an axis, softmax,
// gather/scatter, copies, the fused LSTM and GRU step kernels and a tiled GEMM used when cuBLAS
// cannot be loaded. Each kernel is a template over the element type, instantiated for float
// (suffix _f32) and double (_f64) with C linkage so that the backend finds it by name in the PTX.
//
// Tensors are dense and row-major. Index arithmetic uses 64-bit integers where a product of
// extents can pass 2^31. Reductions accumulate in double and run in a fixed order, so a result
// does not depend on the launch configuration or on timing.
//
// build-ptx.sh compiles this file into ../resources/io/engram/backend/cuda/internal/kernels.ptx.

#define MAX_RANK 8

struct Bcast {            // output extents and the element strides of each operand (0 where broadcast)
    int rank;
    int dims[MAX_RANK];
    int sa[MAX_RANK];
    int sb[MAX_RANK];
    int sc[MAX_RANK];
};

__device__ __forceinline__ double sigmoidd(double x) { return 1.0 / (1.0 + exp(-x)); }
__device__ __forceinline__ float sigmoidf_(float x) { return 1.0f / (1.0f + expf(-x)); }
__device__ __forceinline__ float act_sigmoid(float x) { return sigmoidf_(x); }
__device__ __forceinline__ double act_sigmoid(double x) { return sigmoidd(x); }
__device__ __forceinline__ float act_tanh(float x) { return tanhf(x); }
__device__ __forceinline__ double act_tanh(double x) { return tanh(x); }

#define GRID_STRIDE(i, n) for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < (n); \
                                i += (long long) blockDim.x * gridDim.x)

// ---- creation and copies --------------------------------------------------------------------

template <typename T> __device__ void fill(T* out, long long n, T v) {
    GRID_STRIDE(i, n) { out[i] = v; }
}

// rows x cols block: dst[r * dstStride + c] = src[r * srcStride + c]
template <typename T> __device__ void copy2d(const T* src, long long srcStride, T* dst, long long dstStride,
                                             long long rows, long long cols) {
    GRID_STRIDE(i, rows * cols) {
        long long r = i / cols, c = i - r * cols;
        dst[r * dstStride + c] = src[r * srcStride + c];
    }
}

// out[r, c] = b[c]; the bias rows that a GEMM with beta = 1 then adds to
template <typename T> __device__ void bias_rows(const T* b, T* out, long long rows, long long cols) {
    GRID_STRIDE(i, rows * cols) { out[i] = b[i % cols]; }
}

// ---- elementwise ----------------------------------------------------------------------------

// op: 0 scale (a * p0), 1 add scalar (a + p0), 2 tanh, 3 sigmoid, 4 relu, 5 exp, 6 log
template <typename T> __device__ void unary(int op, const T* a, T* out, long long n, double p0) {
    GRID_STRIDE(i, n) {
        T x = a[i];
        T y;
        switch (op) {
            case 0: y = (T) (x * p0); break;
            case 1: y = (T) (x + p0); break;
            case 2: y = act_tanh(x); break;
            case 3: y = act_sigmoid(x); break;
            case 4: y = x > (T) 0 ? x : (T) 0; break;
            case 5: y = exp(x); break;
            default: y = log(x); break;
        }
        out[i] = y;
    }
}

template <typename T> __device__ __forceinline__ T binop(int op, T x, T y) {
    switch (op) {
        case 0: return x + y;
        case 1: return x - y;
        case 2: return x * y;
        default: return x / y;
    }
}

// equal shapes: no index arithmetic
template <typename T> __device__ void binary_same(int op, const T* a, const T* b, T* out, long long n) {
    GRID_STRIDE(i, n) { out[i] = binop(op, a[i], b[i]); }
}

// a [rows, cols] with b [cols] (a bias or a per-feature factor), or the other way round when swap
template <typename T> __device__ void binary_row(int op, const T* a, const T* b, T* out, long long n,
                                                 long long cols, int swap) {
    GRID_STRIDE(i, n) {
        T x = a[i], y = b[i % cols];
        out[i] = swap ? binop(op, y, x) : binop(op, x, y);
    }
}

template <typename T> __device__ void binary_bcast(int op, const T* a, const T* b, T* out, long long n, Bcast s) {
    GRID_STRIDE(i, n) {
        long long rest = i, oa = 0, ob = 0;
        for (int d = s.rank - 1; d >= 0; d--) {
            long long k = rest % s.dims[d];
            rest /= s.dims[d];
            oa += k * s.sa[d];
            ob += k * s.sb[d];
        }
        out[i] = binop(op, a[oa], b[ob]);
    }
}

template <typename T> __device__ void where_bcast(const T* m, const T* a, const T* b, T* out, long long n, Bcast s) {
    GRID_STRIDE(i, n) {
        long long rest = i, om = 0, oa = 0, ob = 0;
        for (int d = s.rank - 1; d >= 0; d--) {
            long long k = rest % s.dims[d];
            rest /= s.dims[d];
            om += k * s.sa[d];
            oa += k * s.sb[d];
            ob += k * s.sc[d];
        }
        out[i] = m[om] != (T) 0 ? a[oa] : b[ob];
    }
}

// ---- along an axis: the tensor seen as [outer, n, inner] ------------------------------------

template <typename T> __device__ void sum_axis(const T* a, T* out, long long outer, long long n, long long inner,
                                               double scale) {
    GRID_STRIDE(t, outer * inner) {
        long long o = t / inner, in = t - o * inner;
        const T* p = a + o * n * inner + in;
        double acc = 0.0;
        for (long long j = 0; j < n; j++) {
            acc += (double) p[j * inner];
        }
        out[t] = (T) (acc * scale);
    }
}

template <typename T> __device__ void softmax(const T* a, T* out, long long outer, long long n, long long inner,
                                              int logOut) {
    GRID_STRIDE(t, outer * inner) {
        long long o = t / inner, in = t - o * inner;
        const T* p = a + o * n * inner + in;
        T* q = out + o * n * inner + in;
        double mx = -INFINITY;
        for (long long j = 0; j < n; j++) {
            mx = fmax(mx, (double) p[j * inner]);
        }
        double z = 0.0;
        for (long long j = 0; j < n; j++) {
            z += exp((double) p[j * inner] - mx);
        }
        double lz = log(z);
        for (long long j = 0; j < n; j++) {
            double v = (double) p[j * inner] - mx;
            q[j * inner] = (T) (logOut ? v - lz : exp(v) / z);
        }
    }
}

// two passes with a fixed shape: 256 blocks of 256 threads reduce to 256 partial sums, then one block
#define SUM_THREADS 256
template <typename T> __device__ void sum_partial(const T* a, double* partial, long long n) {
    __shared__ double buf[SUM_THREADS];
    double acc = 0.0;
    for (long long i = (long long) blockIdx.x * SUM_THREADS + threadIdx.x; i < n; i += (long long) SUM_THREADS * gridDim.x) {
        acc += (double) a[i];
    }
    buf[threadIdx.x] = acc;
    __syncthreads();
    for (int s = SUM_THREADS / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) buf[threadIdx.x] += buf[threadIdx.x + s];
        __syncthreads();
    }
    if (threadIdx.x == 0) partial[blockIdx.x] = buf[0];
}

template <typename T> __device__ void sum_final(const double* partial, int m, T* out) {
    __shared__ double buf[SUM_THREADS];
    double acc = 0.0;
    for (int i = threadIdx.x; i < m; i += SUM_THREADS) acc += partial[i];
    buf[threadIdx.x] = acc;
    __syncthreads();
    for (int s = SUM_THREADS / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) buf[threadIdx.x] += buf[threadIdx.x + s];
        __syncthreads();
    }
    if (threadIdx.x == 0) out[0] = (T) buf[0];
}

// out [outer, q, inner] = a [outer, n, inner] at idx[q]
template <typename T> __device__ void gather(const T* a, T* out, const int* idx, long long outer, long long q,
                                             long long n, long long inner) {
    GRID_STRIDE(t, outer * q * inner) {
        long long in = t % inner, r = t / inner, j = r % q, o = r / q;
        out[t] = a[(o * n + idx[j]) * inner + in];
    }
}

// out [outer, size, inner]: slice j sums the slices list[offsets[j] .. offsets[j+1]) of a [outer, q, inner]
template <typename T> __device__ void scatter_add(const T* a, T* out, const int* offsets, const int* list,
                                                  long long outer, long long q, long long size, long long inner) {
    GRID_STRIDE(t, outer * size * inner) {
        long long in = t % inner, r = t / inner, j = r % size, o = r / size;
        double acc = 0.0;
        for (int p = offsets[j]; p < offsets[j + 1]; p++) {
            acc += (double) a[(o * q + list[p]) * inner + in];
        }
        out[t] = (T) acc;
    }
}

#define TILE 32
template <typename T> __device__ void transpose(const T* a, T* out, int rows, int cols) {
    __shared__ T tile[TILE][TILE + 1];
    int bx = blockIdx.x * TILE, by = blockIdx.y * TILE;
    for (int y = threadIdx.y; y < TILE; y += blockDim.y) {
        int r = by + y, c = bx + threadIdx.x;
        if (r < rows && c < cols) tile[y][threadIdx.x] = a[(long long) r * cols + c];
    }
    __syncthreads();
    for (int y = threadIdx.y; y < TILE; y += blockDim.y) {
        int r = bx + y, c = by + threadIdx.x;   // out is [cols, rows]
        if (r < cols && c < rows) out[(long long) r * rows + c] = tile[threadIdx.x][y];
    }
}

// ---- fused recurrent steps ------------------------------------------------------------------
// A product enters a step kernel as S >= 1 slabs of n elements that sum to it (S > 1 when the GEMM
// split it along its inner extent); they are added in slab order.

template <typename T> __device__ __forceinline__ T slab_sum(const T* p, int S, long long n, long long k) {
    T acc = p[k];
    for (int s = 1; s < S; s++) acc += p[s * n + k];
    return acc;
}


// z = xProj + h wh ([B, 4H], blocks i f g o), the product given as S slabs; writes h', c' and, when
// gates is not null, [i f g o]
template <typename T> __device__ void lstm_fwd(const T* x, const T* p, int S, const T* c, T* hOut, T* cOut,
                                               T* gates, int B, int H) {
    long long n = (long long) B * 4 * H;
    GRID_STRIDE(t, (long long) B * H) {
        long long b = t / H, j = t - b * H;
        long long r = b * 4 * H;
        T i = act_sigmoid(x[r + j] + slab_sum(p, S, n, r + j));
        T f = act_sigmoid(x[r + H + j] + slab_sum(p, S, n, r + H + j));
        T g = act_tanh(x[r + 2 * H + j] + slab_sum(p, S, n, r + 2 * H + j));
        T o = act_sigmoid(x[r + 3 * H + j] + slab_sum(p, S, n, r + 3 * H + j));
        T cn = f * c[t] + i * g;
        cOut[t] = cn;
        hOut[t] = o * act_tanh(cn);
        if (gates != nullptr) {
            T* gr = gates + r;
            gr[j] = i;
            gr[H + j] = f;
            gr[2 * H + j] = g;
            gr[3 * H + j] = o;
        }
    }
}

template <typename T> __device__ void lstm_bwd(const T* gates, const T* c, const T* cNext, const T* dh,
                                               const T* dcNext, T* dz, T* dcPrev, int B, int H) {
    GRID_STRIDE(t, (long long) B * H) {
        long long b = t / H, j = t - b * H;
        const T* gr = gates + b * 4 * H;
        T i = gr[j], f = gr[H + j], g = gr[2 * H + j], o = gr[3 * H + j];
        T th = act_tanh(cNext[t]);
        T dc = dcNext[t] + dh[t] * o * ((T) 1 - th * th);
        T* dr = dz + b * 4 * H;
        dr[j] = dc * g * i * ((T) 1 - i);
        dr[H + j] = dc * c[t] * f * ((T) 1 - f);
        dr[2 * H + j] = dc * i * ((T) 1 - g * g);
        dr[3 * H + j] = dh[t] * th * o * ((T) 1 - o);
        dcPrev[t] = dc * f;
    }
}

// Elman: h' = tanh(xProj + h wh) ([B, H], the product given as S slabs)
template <typename T> __device__ void elman_fwd(const T* x, const T* p, int S, T* hOut, long long n) {
    GRID_STRIDE(t, n) { hOut[t] = act_tanh(x[t] + slab_sum(p, S, n, t)); }
}

// Elman adjoint of the pre-activation: dz = dh (1 - h'^2)
template <typename T> __device__ void elman_bwd(const T* hNext, const T* dh, T* dz, long long n) {
    GRID_STRIDE(t, n) {
        T y = hNext[t];
        dz[t] = dh[t] * ((T) 1 - y * y);
    }
}

// GRU, first half: hru = h whRu ([B, 2H], S slabs); ru = sigmoid(xProj[:, :2H] + hru); rh = r h
template <typename T> __device__ void gru_a(const T* xProj, const T* hru, int S, const T* h, T* ru, T* rh, int B,
                                            int H) {
    long long n = (long long) B * 2 * H;
    GRID_STRIDE(t, (long long) B * H) {
        long long b = t / H, j = t - b * H;
        const T* x = xProj + b * 3 * H;
        T r = act_sigmoid(x[j] + slab_sum(hru, S, n, b * 2 * H + j));
        T u = act_sigmoid(x[H + j] + slab_sum(hru, S, n, b * 2 * H + H + j));
        ru[b * 2 * H + j] = r;
        ru[b * 2 * H + H + j] = u;
        rh[t] = r * h[t];
    }
}

// GRU, second half: hn = (r h) whN (S slabs); n = tanh(xProj[:, 2H:] + hn); h' = u h + (1 - u) n;
// gates = [r u n rh]
template <typename T> __device__ void gru_b(const T* xProj, const T* ru, const T* hn, int S, const T* h, const T* rh,
                                            T* hOut, T* gates, int B, int H) {
    GRID_STRIDE(t, (long long) B * H) {
        long long b = t / H, j = t - b * H;
        T r = ru[b * 2 * H + j], u = ru[b * 2 * H + H + j];
        T n = act_tanh(xProj[b * 3 * H + 2 * H + j] + slab_sum(hn, S, (long long) B * H, t));
        hOut[t] = u * h[t] + ((T) 1 - u) * n;
        if (gates != nullptr) {
            T* gr = gates + b * 4 * H;
            gr[j] = r;
            gr[H + j] = u;
            gr[2 * H + j] = n;
            gr[3 * H + j] = rh[t];
        }
    }
}

// GRU adjoint, first half: dz_n = dh (1 - u) (1 - n^2)
template <typename T> __device__ void gru_bwd_a(const T* gates, const T* dh, T* dzn, int B, int H) {
    GRID_STRIDE(t, (long long) B * H) {
        long long b = t / H, j = t - b * H;
        const T* gr = gates + b * 4 * H;
        T u = gr[H + j], n = gr[2 * H + j];
        dzn[t] = dh[t] * ((T) 1 - u) * ((T) 1 - n * n);
    }
}

// GRU adjoint, second half, given drh = dz_n whN^T (S slabs): dz = [dz_r | dz_u | dz_n],
// dhPart = dh u + drh r
template <typename T> __device__ void gru_bwd_b(const T* gates, const T* h, const T* dh, const T* drhSlabs, int S,
                                                const T* dzn, T* dz, T* dhPart, int B, int H) {
    GRID_STRIDE(t, (long long) B * H) {
        long long b = t / H, j = t - b * H;
        const T* gr = gates + b * 4 * H;
        T r = gr[j], u = gr[H + j], n = gr[2 * H + j];
        T drh_t = slab_sum(drhSlabs, S, (long long) B * H, t);
        T* dr = dz + b * 3 * H;
        dr[j] = drh_t * h[t] * r * ((T) 1 - r);
        dr[H + j] = dh[t] * (h[t] - n) * u * ((T) 1 - u);
        dr[2 * H + j] = dzn[t];
        dhPart[t] = dh[t] * u + drh_t * r;
    }
}

// ---- GEMM, row-major: C[m, n] = alpha op(A)[m, k] op(B)[k, n] + beta C[m, n] --------------------
// Small products: 64 x 64 tiles of C per block of 16 x 16 threads, each thread computing 4 x 4 elements.

#define GT 64
#define GK 32
// With gridDim.z = S > 1 the product is split along K: block z sums k in [z * kChunk, (z + 1) * kChunk)
// into its own slab C + z * M * ldc (alpha 1, beta 0), and gemm_reduce adds the slabs in order.
template <typename T> __device__ void gemm(int transA, int transB, int M, int N, int K, T alpha, const T* A, int lda,
                                           const T* B, int ldb, T beta, T* C, int ldc, int kChunk) {
    int kBegin = blockIdx.z * kChunk;
    int kEnd = min(K, kBegin + kChunk);
    C += (long long) blockIdx.z * M * ldc;
    __shared__ T As[GK][GT + 1];
    __shared__ T Bs[GK][GT + 1];
    int tx = threadIdx.x, ty = threadIdx.y, tid = ty * 16 + tx;
    int row0 = blockIdx.y * GT, col0 = blockIdx.x * GT;
    T acc[4][4];
    for (int a = 0; a < 4; a++) for (int b = 0; b < 4; b++) acc[a][b] = (T) 0;
    for (int k0 = kBegin; k0 < kEnd; k0 += GK) {
        for (int e = tid; e < GT * GK; e += 256) {
            int mm = e / GK, kk = e % GK;      // A tile element (row mm, k kk)
            int gm = row0 + mm, gk = k0 + kk;
            T v = (T) 0;
            if (gm < M && gk < kEnd) v = transA ? A[(long long) gk * lda + gm] : A[(long long) gm * lda + gk];
            As[kk][mm] = v;
            int kb = e / GT, nn = e % GT;      // B tile element (k kb, col nn)
            int gn = col0 + nn, gkb = k0 + kb;
            T w = (T) 0;
            if (gn < N && gkb < kEnd) w = transB ? B[(long long) gn * ldb + gkb] : B[(long long) gkb * ldb + gn];
            Bs[kb][nn] = w;
        }
        __syncthreads();
        for (int kk = 0; kk < GK; kk++) {
            T av[4], bv[4];
            for (int a = 0; a < 4; a++) av[a] = As[kk][ty + 16 * a];
            for (int b = 0; b < 4; b++) bv[b] = Bs[kk][tx + 16 * b];
            for (int a = 0; a < 4; a++) for (int b = 0; b < 4; b++) acc[a][b] += av[a] * bv[b];
        }
        __syncthreads();
    }
    for (int a = 0; a < 4; a++) {
        int gm = row0 + ty + 16 * a;
        if (gm >= M) continue;
        for (int b = 0; b < 4; b++) {
            int gn = col0 + tx + 16 * b;
            if (gn >= N) continue;
            T* c = C + (long long) gm * ldc + gn;
            *c = beta == (T) 0 ? alpha * acc[a][b] : alpha * acc[a][b] + beta * *c;
        }
    }
}

// Large products: 128 x 128 tiles of C per block of 256 threads, each thread computing 8 x 8
// elements, K in steps of 8. Tiles are read along the operand's contiguous axis.
#define BT 128
#define BK 8
template <typename T> __device__ void gemm_big(int transA, int transB, int M, int N, int K, T alpha, const T* A,
                                               int lda, const T* B, int ldb, T beta, T* C, int ldc) {
    __shared__ T As[BK][BT];
    __shared__ T Bs[BK][BT];
    int tid = threadIdx.x, tx = tid % 16, ty = tid / 16;
    int row0 = blockIdx.y * BT, col0 = blockIdx.x * BT;
    T acc[8][8];
#pragma unroll
    for (int i = 0; i < 8; i++)
#pragma unroll
        for (int j = 0; j < 8; j++) acc[i][j] = (T) 0;
    for (int k0 = 0; k0 < K; k0 += BK) {
#pragma unroll
        for (int e = tid; e < BT * BK; e += 256) {
            int mm, kk;
            if (transA) { kk = e / BT; mm = e % BT; } else { mm = e / BK; kk = e % BK; }
            int gm = row0 + mm, gk = k0 + kk;
            As[kk][mm] = (gm < M && gk < K)
                    ? (transA ? A[(long long) gk * lda + gm] : A[(long long) gm * lda + gk]) : (T) 0;
            int nn, kb;
            if (transB) { nn = e / BK; kb = e % BK; } else { kb = e / BT; nn = e % BT; }
            int gn = col0 + nn, gkb = k0 + kb;
            Bs[kb][nn] = (gn < N && gkb < K)
                    ? (transB ? B[(long long) gn * ldb + gkb] : B[(long long) gkb * ldb + gn]) : (T) 0;
        }
        __syncthreads();
#pragma unroll
        for (int kk = 0; kk < BK; kk++) {
            T a[8], b[8];
#pragma unroll
            for (int i = 0; i < 8; i++) a[i] = As[kk][ty + 16 * i];
#pragma unroll
            for (int j = 0; j < 8; j++) b[j] = Bs[kk][tx + 16 * j];
#pragma unroll
            for (int i = 0; i < 8; i++)
#pragma unroll
                for (int j = 0; j < 8; j++) acc[i][j] += a[i] * b[j];
        }
        __syncthreads();
    }
#pragma unroll
    for (int i = 0; i < 8; i++) {
        int gm = row0 + ty + 16 * i;
        if (gm >= M) continue;
#pragma unroll
        for (int j = 0; j < 8; j++) {
            int gn = col0 + tx + 16 * j;
            if (gn >= N) continue;
            T* c = C + (long long) gm * ldc + gn;
            *c = beta == (T) 0 ? alpha * acc[i][j] : alpha * acc[i][j] + beta * *c;
        }
    }
}

// C[i] = alpha * (slab 0 + slab 1 + ... + slab S-1)[i] + beta C[i], over the n = M * N elements (ldc = N)
template <typename T> __device__ void gemm_reduce(const T* slabs, int S, T* C, long long n, T alpha, T beta) {
    GRID_STRIDE(i, n) {
        T acc = (T) 0;
        for (int z = 0; z < S; z++) acc += slabs[z * n + i];
        C[i] = beta == (T) 0 ? alpha * acc : alpha * acc + beta * C[i];
    }
}

// ---- C entry points -------------------------------------------------------------------------

#define INSTANTIATE(S, T) \
extern "C" __global__ void fill_##S(T* out, long long n, T v) { fill<T>(out, n, v); } \
extern "C" __global__ void copy2d_##S(const T* src, long long ss, T* dst, long long ds, long long rows, long long cols) \
    { copy2d<T>(src, ss, dst, ds, rows, cols); } \
extern "C" __global__ void bias_rows_##S(const T* b, T* out, long long rows, long long cols) { bias_rows<T>(b, out, rows, cols); } \
extern "C" __global__ void unary_##S(int op, const T* a, T* out, long long n, double p0) { unary<T>(op, a, out, n, p0); } \
extern "C" __global__ void binary_same_##S(int op, const T* a, const T* b, T* out, long long n) \
    { binary_same<T>(op, a, b, out, n); } \
extern "C" __global__ void binary_row_##S(int op, const T* a, const T* b, T* out, long long n, long long cols, int swap) \
    { binary_row<T>(op, a, b, out, n, cols, swap); } \
extern "C" __global__ void binary_bcast_##S(int op, const T* a, const T* b, T* out, long long n, Bcast s) \
    { binary_bcast<T>(op, a, b, out, n, s); } \
extern "C" __global__ void where_bcast_##S(const T* m, const T* a, const T* b, T* out, long long n, Bcast s) \
    { where_bcast<T>(m, a, b, out, n, s); } \
extern "C" __global__ void sum_axis_##S(const T* a, T* out, long long outer, long long n, long long inner, double scale) \
    { sum_axis<T>(a, out, outer, n, inner, scale); } \
extern "C" __global__ void softmax_##S(const T* a, T* out, long long outer, long long n, long long inner, int logOut) \
    { softmax<T>(a, out, outer, n, inner, logOut); } \
extern "C" __global__ void sum_partial_##S(const T* a, double* partial, long long n) { sum_partial<T>(a, partial, n); } \
extern "C" __global__ void sum_final_##S(const double* partial, int m, T* out) { sum_final<T>(partial, m, out); } \
extern "C" __global__ void gather_##S(const T* a, T* out, const int* idx, long long outer, long long q, long long n, \
    long long inner) { gather<T>(a, out, idx, outer, q, n, inner); } \
extern "C" __global__ void scatter_add_##S(const T* a, T* out, const int* offsets, const int* list, long long outer, \
    long long q, long long size, long long inner) { scatter_add<T>(a, out, offsets, list, outer, q, size, inner); } \
extern "C" __global__ void transpose_##S(const T* a, T* out, int rows, int cols) { transpose<T>(a, out, rows, cols); } \
extern "C" __global__ void lstm_fwd_##S(const T* x, const T* slabs, int nSlabs, const T* c, T* h2, T* c2, T* gates, \
    int B, int H) { lstm_fwd<T>(x, slabs, nSlabs, c, h2, c2, gates, B, H); } \
extern "C" __global__ void lstm_bwd_##S(const T* gates, const T* c, const T* c2, const T* dh, const T* dc2, T* dz, \
    T* dcp, int B, int H) { lstm_bwd<T>(gates, c, c2, dh, dc2, dz, dcp, B, H); } \
extern "C" __global__ void elman_fwd_##S(const T* x, const T* p, int nSlabs, T* h2, long long n) \
    { elman_fwd<T>(x, p, nSlabs, h2, n); } \
extern "C" __global__ void elman_bwd_##S(const T* h2, const T* dh, T* dz, long long n) { elman_bwd<T>(h2, dh, dz, n); } \
extern "C" __global__ void gru_a_##S(const T* x, const T* hru, int nSlabs, const T* h, T* ru, T* rh, int B, int H) \
    { gru_a<T>(x, hru, nSlabs, h, ru, rh, B, H); } \
extern "C" __global__ void gru_b_##S(const T* x, const T* ru, const T* hn, int nSlabs, const T* h, const T* rh, T* h2, \
    T* gates, int B, int H) { gru_b<T>(x, ru, hn, nSlabs, h, rh, h2, gates, B, H); } \
extern "C" __global__ void gru_bwd_a_##S(const T* gates, const T* dh, T* dzn, int B, int H) \
    { gru_bwd_a<T>(gates, dh, dzn, B, H); } \
extern "C" __global__ void gru_bwd_b_##S(const T* gates, const T* h, const T* dh, const T* drh, int nSlabs, \
    const T* dzn, T* dz, T* dhp, int B, int H) { gru_bwd_b<T>(gates, h, dh, drh, nSlabs, dzn, dz, dhp, B, H); } \
extern "C" __global__ void __launch_bounds__(256) gemm_##S(int ta, int tb, int M, int N, int K, T alpha, const T* A, \
    int lda, const T* B, int ldb, T beta, T* C, int ldc, int kChunk) \
    { gemm<T>(ta, tb, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc, kChunk); } \
extern "C" __global__ void gemm_reduce_##S(const T* slabs, int S, T* C, long long n, T alpha, T beta) \
    { gemm_reduce<T>(slabs, S, C, n, alpha, beta); } \
extern "C" __global__ void __launch_bounds__(256) gemm_big_##S(int ta, int tb, int M, int N, int K, T alpha, \
    const T* A, int lda, const T* B, int ldb, T beta, T* C, int ldc) \
    { gemm_big<T>(ta, tb, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc); }

INSTANTIATE(f32, float)
INSTANTIATE(f64, double)
