#include "textflag.h"

// One oblivious tree of depth 5 for eight rows: the five comparisons x > thr
// (VCMPPS GT_OQ: false for NaN, as Go's >), the leaf chosen without a gather
// (VPERMPS on the four groups of eight leaves by the low three bits, then
// two blends by the first two levels' masks), added to acc in float32.
// DI: the rows, feature-major (feature f of row j at DI + 32f + 4j); SI: the
// tree's five features (int16); DX: its thresholds; R10: its 32 leaves.
// Y13, Y14, Y15: the int32 constants 4, 2, 1 in every lane.
#define LEVEL(k, dst) \
	MOVWQSX (2*k)(SI), R8 \
	SHLQ $5, R8 \
	VMOVUPS (DI)(R8*1), Y2 \
	VBROADCASTSS (4*k)(DX), Y3 \
	VCMPPS $0x1e, Y3, Y2, dst

#define TREE(acc) \
	LEVEL(0, Y4) \
	LEVEL(1, Y5) \
	LEVEL(2, Y6) \
	LEVEL(3, Y7) \
	LEVEL(4, Y8) \
	VPAND Y13, Y6, Y6 \
	VPAND Y14, Y7, Y7 \
	VPAND Y15, Y8, Y8 \
	VPOR Y7, Y6, Y6 \
	VPOR Y8, Y6, Y6 \
	VPERMPS (R10), Y6, Y7 \
	VPERMPS 32(R10), Y6, Y8 \
	VBLENDVPS Y5, Y8, Y7, Y7 \
	VPERMPS 64(R10), Y6, Y8 \
	VPERMPS 96(R10), Y6, Y9 \
	VBLENDVPS Y5, Y9, Y8, Y8 \
	VBLENDVPS Y4, Y8, Y7, Y7 \
	VADDPS Y7, acc, acc \
	ADDQ $10, SI \
	ADDQ $20, DX \
	ADDQ $128, R10

// func predict5x8AVX2(x *float32, feat *int16, thr *float32, leaf *float32, trees int, z *[16]float32)
TEXT ·predict5x8AVX2(SB), NOSPLIT, $0-48
	MOVQ x+0(FP), DI
	MOVQ feat+8(FP), SI
	MOVQ thr+16(FP), DX
	MOVQ leaf+24(FP), R10
	MOVQ trees+32(FP), CX
	MOVQ z+40(FP), R11
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VPCMPEQD Y15, Y15, Y15
	VPSRLD $31, Y15, Y15
	VPSLLD $1, Y15, Y14
	VPSLLD $2, Y15, Y13
pairs:
	CMPQ CX, $2
	JLT tail
	TREE(Y0)
	TREE(Y1)
	SUBQ $2, CX
	JMP pairs
tail:
	CMPQ CX, $1
	JLT done
	TREE(Y0)
done:
	VMOVUPS Y0, (R11)
	VMOVUPS Y1, 32(R11)
	VZEROUPPER
	RET
