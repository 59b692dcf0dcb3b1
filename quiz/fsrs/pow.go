package fsrs

import "math"

// py-fsrs computes every power with Python's ** operator, which calls the C
// library's pow; glibc's pow is correctly rounded in practice, Go's
// math.Pow and math.Exp are not (they may be off by an ulp or two). The
// functions here compute x^y and e^z in double-double arithmetic, to about
// 2^-77 relative, and round once, so dockdrill's float64 results agree with
// py-fsrs to the last bit (see TestPowMatchesGlibc). Inputs outside the
// range FSRS needs fall back to math.Pow.

// dd is an unevaluated sum hi + lo with |lo| <= ulp(hi)/2.
type dd struct{ hi, lo float64 }

func twoSum(a, b float64) dd {
	s := a + b
	bb := s - a
	return dd{s, (a - (s - bb)) + (b - bb)}
}

// fastTwoSum is twoSum for |a| >= |b|.
func fastTwoSum(a, b float64) dd {
	s := a + b
	return dd{s, b - (s - a)}
}

func twoProd(a, b float64) dd {
	p := a * b
	return dd{p, math.FMA(a, b, -p)}
}

// add is the "sloppy" double-double sum: its error is about 2^-104 of the
// larger operand, which is enough here even when the operands cancel (the
// callers need 2^-77 of the result's magnitude at worst 2^-20 of theirs).
func (a dd) add(b dd) dd {
	s := twoSum(a.hi, b.hi)
	s.lo += a.lo + b.lo
	return fastTwoSum(s.hi, s.lo)
}

func (a dd) mul(b dd) dd {
	p := twoProd(a.hi, b.hi)
	p.lo += a.hi*b.lo + a.lo*b.hi
	return fastTwoSum(p.hi, p.lo)
}

func (a dd) mulF(b float64) dd {
	p := twoProd(a.hi, b)
	p.lo += a.lo * b
	return fastTwoSum(p.hi, p.lo)
}

// Constants to 106 bits, computed with mpmath at 300 bits of precision.
var (
	ln2Over64 = dd{0x1.62e42fefa39efp-7, 0x1.abc9e3b39803fp-62}
	lnE       = dd{0x1.0000000000000p+0, -0x1.ea8556644e4cdp-55} // ln(math.E), math.E rounded to float64
)

const sixtyFourOverLn2 = 0x1.71547652b82fep+6

// exp2Table[j] is 2^(j/64).
var exp2Table = [64]dd{
	{0x1.0000000000000p+0, 0x0.0p+0},
	{0x1.02c9a3e778061p+0, -0x1.19083535b085dp-56},
	{0x1.059b0d3158574p+0, 0x1.d73e2a475b465p-55},
	{0x1.0874518759bc8p+0, 0x1.186be4bb284ffp-57},
	{0x1.0b5586cf9890fp+0, 0x1.8a62e4adc610bp-54},
	{0x1.0e3ec32d3d1a2p+0, 0x1.03a1727c57b53p-59},
	{0x1.11301d0125b51p+0, -0x1.6c51039449b3ap-54},
	{0x1.1429aaea92de0p+0, -0x1.32fbf9af1369ep-54},
	{0x1.172b83c7d517bp+0, -0x1.19041b9d78a76p-55},
	{0x1.1a35beb6fcb75p+0, 0x1.e5b4c7b4968e4p-55},
	{0x1.1d4873168b9aap+0, 0x1.e016e00a2643cp-54},
	{0x1.2063b88628cd6p+0, 0x1.dc775814a8495p-55},
	{0x1.2387a6e756238p+0, 0x1.9b07eb6c70573p-54},
	{0x1.26b4565e27cddp+0, 0x1.2bd339940e9d9p-55},
	{0x1.29e9df51fdee1p+0, 0x1.612e8afad1255p-55},
	{0x1.2d285a6e4030bp+0, 0x1.0024754db41d5p-54},
	{0x1.306fe0a31b715p+0, 0x1.6f46ad23182e4p-55},
	{0x1.33c08b26416ffp+0, 0x1.32721843659a6p-54},
	{0x1.371a7373aa9cbp+0, -0x1.63aeabf42eae2p-54},
	{0x1.3a7db34e59ff7p+0, -0x1.5e436d661f5e3p-56},
	{0x1.3dea64c123422p+0, 0x1.ada0911f09ebcp-55},
	{0x1.4160a21f72e2ap+0, -0x1.ef3691c309278p-58},
	{0x1.44e086061892dp+0, 0x1.89b7a04ef80d0p-59},
	{0x1.486a2b5c13cd0p+0, 0x1.3c1a3b69062f0p-56},
	{0x1.4bfdad5362a27p+0, 0x1.d4397afec42e2p-56},
	{0x1.4f9b2769d2ca7p+0, -0x1.4b309d25957e3p-54},
	{0x1.5342b569d4f82p+0, -0x1.07abe1db13cadp-55},
	{0x1.56f4736b527dap+0, 0x1.9bb2c011d93adp-54},
	{0x1.5ab07dd485429p+0, 0x1.6324c054647adp-54},
	{0x1.5e76f15ad2148p+0, 0x1.ba6f93080e65ep-54},
	{0x1.6247eb03a5585p+0, -0x1.383c17e40b497p-54},
	{0x1.6623882552225p+0, -0x1.bb60987591c34p-54},
	{0x1.6a09e667f3bcdp+0, -0x1.bdd3413b26456p-54},
	{0x1.6dfb23c651a2fp+0, -0x1.bbe3a683c88abp-57},
	{0x1.71f75e8ec5f74p+0, -0x1.16e4786887a99p-55},
	{0x1.75feb564267c9p+0, -0x1.0245957316dd3p-54},
	{0x1.7a11473eb0187p+0, -0x1.41577ee04992fp-55},
	{0x1.7e2f336cf4e62p+0, 0x1.05d02ba15797ep-56},
	{0x1.82589994cce13p+0, -0x1.d4c1dd41532d8p-54},
	{0x1.868d99b4492edp+0, -0x1.fc6f89bd4f6bap-54},
	{0x1.8ace5422aa0dbp+0, 0x1.6e9f156864b27p-54},
	{0x1.8f1ae99157736p+0, 0x1.5cc13a2e3976cp-55},
	{0x1.93737b0cdc5e5p+0, -0x1.75fc781b57ebcp-57},
	{0x1.97d829fde4e50p+0, -0x1.d185b7c1b85d1p-54},
	{0x1.9c49182a3f090p+0, 0x1.c7c46b071f2bep-56},
	{0x1.a0c667b5de565p+0, -0x1.359495d1cd533p-54},
	{0x1.a5503b23e255dp+0, -0x1.d2f6edb8d41e1p-54},
	{0x1.a9e6b5579fdbfp+0, 0x1.0fac90ef7fd31p-54},
	{0x1.ae89f995ad3adp+0, 0x1.7a1cd345dcc81p-54},
	{0x1.b33a2b84f15fbp+0, -0x1.2805e3084d708p-57},
	{0x1.b7f76f2fb5e47p+0, -0x1.5584f7e54ac3bp-56},
	{0x1.bcc1e904bc1d2p+0, 0x1.23dd07a2d9e84p-55},
	{0x1.c199bdd85529cp+0, 0x1.11065895048ddp-55},
	{0x1.c67f12e57d14bp+0, 0x1.2884dff483cadp-54},
	{0x1.cb720dcef9069p+0, 0x1.503cbd1e949dbp-56},
	{0x1.d072d4a07897cp+0, -0x1.cbc3743797a9cp-54},
	{0x1.d5818dcfba487p+0, 0x1.2ed02d75b3707p-55},
	{0x1.da9e603db3285p+0, 0x1.c2300696db532p-54},
	{0x1.dfc97337b9b5fp+0, -0x1.1a5cd4f184b5cp-54},
	{0x1.e502ee78b3ff6p+0, 0x1.39e8980a9cc8fp-55},
	{0x1.ea4afa2a490dap+0, -0x1.e9c23179c2893p-54},
	{0x1.efa1bee615a27p+0, 0x1.dc7f486a4b6b0p-54},
	{0x1.f50765b6e4540p+0, 0x1.9d3e12dd8a18bp-54},
	{0x1.fa7c1819e90d8p+0, 0x1.74853f3a5931ep-55},
}

// expDD returns e^a to about 2^-77 relative, for -700 < a.hi < 700.
func expDD(a dd) dd {
	k := math.RoundToEven(a.hi * sixtyFourOverLn2)
	r := a.add(ln2Over64.mulF(-k)) // |r| <= ln2/128 < 2^-7.5
	x := r.hi
	// e^r = 1 + r + r^2/2 + tail; the tail is below 2^-25 and is computed in
	// float64, with the first-order effect of r.lo on the cubic term.
	tail := x*x*x*(1.0/6+x*(1.0/24+x*(1.0/120+x*(1.0/720+x*(1.0/5040+x*(1.0/40320)))))) + x*x*r.lo*0.5
	r2 := r.mul(r)
	s := r.add(dd{r2.hi * 0.5, r2.lo * 0.5}).add(dd{tail, 0})
	e := dd{1, 0}.add(s)
	ki := int64(k)
	res := exp2Table[ki&63].mul(e)
	scale := math.Float64frombits(uint64(ki>>6+1023) << 52) // 2^(k/64 rounded down)
	return dd{res.hi * scale, res.lo * scale}
}

// logDD returns ln x to about 2^-77 absolute, for normal positive x: one
// Newton step from math.Log.
func logDD(x float64) dd {
	y0 := math.Log(x)
	c := expDD(dd{-y0, 0}).mulF(x).add(dd{-1, 0}) // x*e^-y0 - 1, tiny
	return twoSum(y0, c.hi)
}

// pow returns x^y rounded as glibc's pow rounds it.
func pow(x, y float64) float64 {
	if !(x >= 0x1p-1000 && x <= 0x1p1000) || !(y >= -1e6 && y <= 1e6) || x == 1 || y == 0 {
		return math.Pow(x, y)
	}
	t := logDD(x).mulF(y)
	if !(t.hi > -700 && t.hi < 700) {
		return math.Pow(x, y)
	}
	return expDD(t).hi
}

// expE returns math.E^z as Python's math.e ** z computes it.
func expE(z float64) float64 {
	t := lnE.mulF(z)
	if !(t.hi > -700 && t.hi < 700) {
		return math.Pow(math.E, z)
	}
	return expDD(t).hi
}
