//! The pieces of `ScatteredHypersphere` against Nengo 4.1 itself.

use super::quasirandom::{generalized_golden_ratio, rd_sequence};
use super::special::CoordinateInverseCdf;
use super::spherical::{sct, tfww};
use super::{haar_orthogonal, ScatterMethod, ScatteredHypersphere};
use crate::rng::rng_from_seed;
use nalgebra::DMatrix;
use rand::Rng;
use rand_distr::StandardNormal;
use std::f64::consts::PI;

/// Reference values printed by Nengo 4.1.0 (numpy 2.4; SciPy 1.18 for the
/// exact "sct" method), called with a stand-in for numpy's RandomState whose
/// `uniform` returns the offsets given, whose `shuffle` does nothing and
/// whose `standard_normal` returns `G`, so that nothing depends on numpy's
/// random stream. `SH` is `nengo.dists.ScatteredHypersphere`.
#[rustfmt::skip]
mod nengo {
    /// `[QuasirandomSequence._phi(d) for d in (1, 2, 3, 8)]`
    pub const PHI: [(usize, f64); 4] = [(1, 1.618033988749895), (2, 1.324717957244746), (3, 1.2207440846057596), (8, 1.085070245491451)];
    /// `QuasirandomSequence().sample(5, 1, rng)`, offset 0.3
    pub const RD_LINE: [[f64; 1]; 5] = [[0.3], [0.5], [0.7], [0.9000000000000001], [0.10000000000000009]];
    /// `QuasirandomSequence().sample(4, 2, rng)`, offsets (0.1, 0.7)
    pub const RD_PLANE: [[f64; 2]; 4] = [
        [0.8548776662466927, 0.26984029099805307], [0.6097553324933855, 0.8396805819961064],
        [0.36463299874007804, 0.4095208729941593], [0.11951066498677099, 0.9793611639922126],
    ];
    /// `QuasirandomSequence().sample(3, 3, rng)`, offsets (0.25, 0.5, 0.75)
    pub const RD_SPACE: [[f64; 3]; 3] = [
        [0.06917251339616426, 0.17104360670378904, 0.2997004779019701],
        [0.8883450267923287, 0.8420872134075781, 0.8494009558039401],
        [0.7075175401884932, 0.5131308201113671, 0.3991014337059102],
    ];
    /// `[SH.spherical_coords_ppf(k, y, approx=False) for y in PPF_Y]` per `k`
    pub const PPF_Y: [f64; 5] = [0.01, 0.2, 0.45, 0.7, 0.97];
    pub const PPF: [(usize, [f64; 5]); 5] = [
        (2, [0.06376856085851985, 0.2951672353008666, 0.46811571957074016, 0.6309898804344545, 0.8891753133955406]),
        (3, [0.11599638206917233, 0.3363165107491524, 0.47494834052740964, 0.6035792763103499, 0.8310311386920345]),
        (7, [0.23016131799053707, 0.39605798108643164, 0.48433714953285334, 0.5651385263303959, 0.7236871692614847]),
        (40, [0.383531325884099, 0.45744038924989133, 0.4936361293847517, 0.5265426167191039, 0.5945386952146607]),
        (300, [0.4572760534024893, 0.4845231552082169, 0.4976887271815028, 0.509644534270113, 0.5345592778569191]),
    ];
    /// `SH.spherical_coords_ppf(k, y, approx=False)` deep in the tails: `(k, y, x)`
    pub const PPF_TAILS: [(usize, f64, f64); 4] = [
        (300, 1e-10, 0.3843100780575784), (300, 1e-300, 0.032288494377977095),
        (5000, 1e-6, 0.4786090615806763), (2, 1e-17, 2.0131684841794817e-09),
    ];
    /// The cube given to the transforms below.
    pub const CUBE: [[f64; 4]; 3] = [[0.1, 0.2, 0.3, 0.4], [0.55, 0.9, 0.05, 0.62], [0.999, 0.001, 0.5, 0.25]];
    /// `SH.spherical_transform_sct(CUBE, approx=False)`
    pub const SCT: [[f64; 5]; 3] = [
        [0.6083997886818167, 0.39035665347477894, 0.27639721567914316, -0.5123549779546505, 0.37224768091930277],
        [-0.06676587367526446, -0.6855157932270252, 0.6524909473950178, -0.23036559597269304, -0.21632769380825737],
        [-0.9632594922823767, 0.26479260747241196, 2.749342671210689e-18, 2.749342671210689e-18, 0.04490017322749528],
    ];
    /// `SH.spherical_transform_sct(CUBE, approx=True)` (Nengo's default table)
    pub const SCT_APPROX: [[f64; 5]; 3] = [
        [0.6084057380467371, 0.3903652344538802, 0.27640631991964837, -0.5123266900137928, 0.3722611323379867],
        [-0.06696560629568367, -0.6855080639711532, 0.6524817031416307, -0.23035127278995804, -0.21633358498720456],
        [-0.9632962130679911, 0.26467484609726083, 2.7436131881323824e-18, -5.905490390873031e-14, 0.04480660366797337],
    ];
    /// `SH.spherical_transform_tfww(CUBE)` (odd output dimension)
    pub const TFWW_5: [[f64; 5]; 3] = [
        [0.27849533001676674, -0.11474638643898709, 0.35315306449362044, -0.7165883867753794, 0.5206319380670676],
        [-0.6554570164805167, 0.4675325000063814, 0.15191051788108473, -0.41794299489203335, -0.39247459607218027],
        [0.9976672223827985, -0.06319284418193687, 7.738891435642643e-18, 1.5811440234756632e-18, 0.025822041499255415],
    ];
    /// `SH.spherical_transform_tfww(CUBE[:, :3])` (even output dimension)
    pub const TFWW_4: [[f64; 4]; 3] = [
        [0.09771975379242741, 0.3007504775037728, -0.2931592613772821, 0.9022514325113186],
        [0.5999830609718165, -0.43591320987885834, 0.6379881062640299, 0.20729490168751577],
        [0.9994801456656386, 0.006280001607790234, -0.031622776601683805, 3.8726732145403885e-18],
    ];
    /// The normal matrix `G`.
    pub const G: [[f64; 3]; 3] = [[0.3, -1.2, 0.5], [1.1, 0.4, -0.7], [-0.2, 0.9, 1.6]];
    /// `SH.random_orthogonal(3, rng)`: the polar factor of `G`.
    pub const ROTATION: [[f64; 3]; 3] = [
        [0.38191934144269774, -0.8194566440515617, 0.4273504711027342],
        [0.9206544822460927, 0.29689896619154205, -0.25346859409909706],
        [0.0808266104210432, 0.49024668524544535, 0.8678278899953026],
    ];
    /// `SH(surface=True, method="sct").sample(4, 3, rng)`, offsets (0.15, 0.6)
    pub const SURFACE: [[f64; 3]; 4] = [
        [-0.007000865974596242, 0.9995791735308204, 0.02815073212278684],
        [-0.2549817738834445, -0.21997670813209783, -0.9415914946868512],
        [-0.19205685855136242, 0.20287957440263243, 0.9601843788427249],
        [0.7124592164465954, -0.6327546646234045, -0.3033535879095991],
    ];
    /// `SH(surface=True).sample(4, 3, rng)` (default "sct-approx"), same offsets
    pub const SURFACE_APPROX: [[f64; 3]; 4] = [
        [-0.00700568669715784, 0.9995791373883652, 0.028150816184153903],
        [-0.25498973956659865, -0.21994988574811075, -0.9415956034705939],
        [-0.1919490993227736, 0.20267760859991396, 0.96024857731808],
        [0.7124419512601323, -0.6327711370069258, -0.30335977692439425],
    ];
    /// `SH(min_magnitude=0.2, method="sct").sample(4, 3, rng)`, offsets (0.15, 0.6, 0.35)
    pub const BALL: [[f64; 3]; 4] = [
        [-0.3598408924636193, 0.8916996529237317, -0.08890001766769234],
        [0.35283516788641345, 0.4278066198946028, -0.5320011522991221],
        [-0.8147601345802976, -0.35579848605614167, -0.45714223197770243],
        [-0.04917950947683481, 0.238839514669114, 0.7834444241260812],
    ];
    /// `SH(method="tfww").sample(4, 3, rng)`, offsets (0.15, 0.6, 0.35)
    pub const BALL_TFWW: [[f64; 3]; 4] = [
        [-0.35973398154877356, 0.8914347235406119, -0.08887360493245935],
        [0.35168987509143085, 0.426417971925223, -0.530274291877865],
        [-0.8147581805244941, -0.35579763273739545, -0.45714113560418895],
        [-0.04907215854775672, 0.23831816656960983, 0.7817342914365586],
    ];
}

fn matrix<const C: usize>(rows: &[[f64; C]]) -> DMatrix<f64> {
    DMatrix::from_row_iterator(rows.len(), C, rows.iter().flatten().copied())
}

fn assert_close<const C: usize>(actual: &DMatrix<f64>, expected: &[[f64; C]], tol: f64) {
    let expected = matrix(expected);
    assert_eq!(actual.shape(), expected.shape());
    let err = (actual - &expected).abs().max();
    assert!(
        err <= tol,
        "error {err:e} > {tol:e}: {actual} vs {expected}"
    );
}

#[test]
fn golden_ratios_match_nengo() {
    for (d, phi) in nengo::PHI {
        assert!((generalized_golden_ratio(d) - phi).abs() < 1e-15, "d = {d}");
    }
}

#[test]
fn quasirandom_sequence_matches_nengo() {
    assert_close(&rd_sequence(5, &[0.3]), &nengo::RD_LINE, 1e-15);
    assert_close(&rd_sequence(4, &[0.1, 0.7]), &nengo::RD_PLANE, 1e-14);
    assert_close(&rd_sequence(3, &[0.25, 0.5, 0.75]), &nengo::RD_SPACE, 1e-14);
}

#[test]
fn coordinate_inverse_cdf_matches_scipy() {
    let inverse_cdfs = CoordinateInverseCdf::up_to(300);
    for (k, expected) in nengo::PPF {
        for (y, x) in nengo::PPF_Y.into_iter().zip(expected) {
            let got = inverse_cdfs[k - 1].quantile(y);
            assert!((got - x).abs() < 1e-13, "k = {k}, y = {y}: {got} vs {x}");
        }
    }
    let inverse_cdfs = CoordinateInverseCdf::up_to(5000);
    for (k, y, x) in nengo::PPF_TAILS {
        let got = inverse_cdfs[k - 1].quantile(y);
        assert!(
            (got - x).abs() < 1e-13 * x,
            "k = {k}, y = {y}: {got} vs {x}"
        );
    }
}

#[test]
fn coordinate_inverse_cdf_inverts_closed_form_cdfs() {
    // k = 1: uniform. k = 2: density sin θ / 2, CDF (1 - cos θ)/2.
    // k = 3: density 2 sin²θ / π, CDF (θ - sin θ cos θ)/π.
    let inverse_cdfs = CoordinateInverseCdf::up_to(3);
    for i in 0..=200 {
        let y = i as f64 / 200.0;
        assert_eq!(inverse_cdfs[0].quantile(y), y);
        let theta = PI * inverse_cdfs[1].quantile(y);
        assert!(
            ((1.0 - theta.cos()) / 2.0 - y).abs() < 1e-14,
            "k = 2, y = {y}"
        );
        let theta = PI * inverse_cdfs[2].quantile(y);
        let cdf = (theta - theta.sin() * theta.cos()) / PI;
        assert!((cdf - y).abs() < 1e-14, "k = 3, y = {y}");
    }
}

#[test]
fn coordinate_inverse_cdf_is_monotone_and_symmetric_in_high_dimension() {
    let inverse_cdfs = CoordinateInverseCdf::up_to(2000);
    for k in [10, 501, 2000] {
        let mut previous = 0.0;
        for i in 1..1000 {
            let y = i as f64 / 1000.0;
            let x = inverse_cdfs[k - 1].quantile(y);
            assert!(x > previous && x < 1.0, "k = {k}, y = {y}");
            assert!((x + inverse_cdfs[k - 1].quantile(1.0 - y) - 1.0).abs() < 1e-12);
            previous = x;
        }
    }
}

#[test]
fn spherical_transforms_match_nengo() {
    let cube = matrix(&nengo::CUBE);
    assert_close(&sct(&cube), &nengo::SCT, 1e-13);
    // Nengo's default "sct-approx" interpolates a table: within 1e-3 of exact.
    assert_close(&sct(&cube), &nengo::SCT_APPROX, 1e-3);
    assert_close(&tfww(&cube), &nengo::TFWW_5, 1e-14);
    assert_close(
        &tfww(&cube.columns(0, 3).into_owned()),
        &nengo::TFWW_4,
        1e-14,
    );
}

#[test]
fn rotation_is_orthogonal_with_positive_triangular_factor() {
    let q = haar_orthogonal(matrix(&nengo::G));
    assert!((q.transpose() * &q - DMatrix::identity(3, 3)).abs().max() < 1e-14);
    // Qᵀ G is the triangular factor, with a positive diagonal.
    let r = q.transpose() * matrix(&nengo::G);
    for j in 0..3 {
        assert!(r[(j, j)] > 0.0);
        assert!((j + 1..3).all(|i| r[(i, j)].abs() < 1e-14));
    }
}

#[test]
fn rotation_law_is_haar() {
    // Haar on O(3): every entry has mean 0 and mean square 1/3, and half the
    // matrices are reflections.
    let mut rng = rng_from_seed(5);
    let draws = 4000;
    let (mut sum, mut squares, mut positive) = (DMatrix::zeros(3, 3), DMatrix::zeros(3, 3), 0);
    for _ in 0..draws {
        let q = haar_orthogonal(DMatrix::from_fn(3, 3, |_, _| rng.sample(StandardNormal)));
        sum += &q;
        squares += q.component_mul(&q);
        positive += usize::from(q.determinant() > 0.0);
    }
    assert!((sum / draws as f64).abs().max() < 0.03);
    assert!((squares / draws as f64).add_scalar(-1.0 / 3.0).abs().max() < 0.02);
    assert!((positive as f64 / draws as f64 - 0.5).abs() < 0.03);
}

#[test]
fn whole_pipeline_matches_nengo_given_its_rotation() {
    // `sample` draws its rotation another way (see `haar_orthogonal`), so the
    // pipeline is checked with Nengo's.
    let rotation = matrix(&nengo::ROTATION);
    let surface = ScatteredHypersphere::surface().scatter(&rd_sequence(4, &[0.15, 0.6]), &rotation);
    assert_close(&surface, &nengo::SURFACE, 1e-13);
    assert_close(&surface, &nengo::SURFACE_APPROX, 1e-3);
    let cube = rd_sequence(4, &[0.15, 0.6, 0.35]);
    let ball = ScatteredHypersphere::volume().with_min_magnitude(0.2);
    assert_close(&ball.scatter(&cube, &rotation), &nengo::BALL, 1e-13);
    let ball = ScatteredHypersphere::volume().with_method(ScatterMethod::Tfww);
    assert_close(&ball.scatter(&cube, &rotation), &nengo::BALL_TFWW, 1e-13);
}
