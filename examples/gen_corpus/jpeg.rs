//! A small baseline JPEG encoder (YCbCr 4:4:4, the standard tables of ITU T.81
//! Annex K) for the photos some forms carry (研修会の様子). Written here so the
//! generator needs no image crate; quality is irrelevant, realism of the bytes
//! (a real JPEG a reader may decode) is what matters.

use crate::rng::Rng;

const ZIGZAG: [usize; 64] = [
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20,
    13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59,
    52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

/// Luminance quantisation table, natural order.
const QUANT: [u16; 64] = [
    16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
    14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113,
    92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];

const DC_BITS: [u8; 16] = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALS: [u8; 12] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const AC_BITS: [u8; 16] = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d];
const AC_VALS: [u8; 162] = [
    0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07,
    0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0,
    0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28,
    0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49,
    0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
    0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
    0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
    0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5,
    0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2,
    0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
    0xf9, 0xfa,
];

/// (code, length) per symbol of a canonical Huffman table.
fn huffman(bits: &[u8; 16], vals: &[u8]) -> [(u16, u8); 256] {
    let mut table = [(0u16, 0u8); 256];
    let mut code = 0u16;
    let mut k = 0;
    for (len, n) in bits.iter().enumerate() {
        for _ in 0..*n {
            table[vals[k] as usize] = (code, len as u8 + 1);
            code += 1;
            k += 1;
        }
        code <<= 1;
    }
    table
}

struct Bits {
    out: Vec<u8>,
    acc: u32,
    n: u8,
}

impl Bits {
    fn put(&mut self, code: u16, len: u8) {
        for i in (0..len).rev() {
            self.acc = (self.acc << 1) | ((code >> i) & 1) as u32;
            self.n += 1;
            if self.n == 8 {
                let b = self.acc as u8;
                self.out.push(b);
                if b == 0xFF {
                    self.out.push(0);
                }
                self.acc = 0;
                self.n = 0;
            }
        }
    }

    fn flush(&mut self) {
        while self.n != 0 {
            self.put(1, 1);
        }
    }
}

/// Magnitude category and its bits.
fn category(v: i32) -> (u8, u16) {
    let a = v.unsigned_abs();
    let s = 32 - a.leading_zeros() as u8;
    let bits = if v < 0 {
        (v - 1) as u16 & ((1u32 << s) - 1) as u16
    } else {
        v as u16
    };
    (s, bits)
}

fn segment(out: &mut Vec<u8>, marker: u8, body: &[u8]) {
    out.extend_from_slice(&[0xFF, marker]);
    out.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(body);
}

/// Encode an RGB image (`w`×`h`, row-major) as a baseline JPEG.
pub fn encode(rgb: &[u8], w: usize, h: usize) -> Vec<u8> {
    let mut cos = [[0f32; 8]; 8];
    for (x, row) in cos.iter_mut().enumerate() {
        for (u, c) in row.iter_mut().enumerate() {
            *c = (((2 * x + 1) as f32) * u as f32 * std::f32::consts::PI / 16.0).cos();
        }
    }
    let dc = huffman(&DC_BITS, &DC_VALS);
    let ac = huffman(&AC_BITS, &AC_VALS);
    let mut out = vec![0xFF, 0xD8];
    segment(
        &mut out,
        0xE0,
        &[b'J', b'F', b'I', b'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0],
    );
    let mut dqt = vec![0u8];
    dqt.extend(ZIGZAG.iter().map(|i| QUANT[*i] as u8));
    segment(&mut out, 0xDB, &dqt);
    let mut sof = vec![8];
    sof.extend_from_slice(&(h as u16).to_be_bytes());
    sof.extend_from_slice(&(w as u16).to_be_bytes());
    sof.push(3);
    for id in 1..=3u8 {
        sof.extend_from_slice(&[id, 0x11, 0]);
    }
    segment(&mut out, 0xC0, &sof);
    for (class, bits, vals) in [
        (0x00u8, &DC_BITS, &DC_VALS[..]),
        (0x10, &AC_BITS, &AC_VALS[..]),
    ] {
        let mut dht = vec![class];
        dht.extend_from_slice(bits);
        dht.extend_from_slice(vals);
        segment(&mut out, 0xC4, &dht);
    }
    segment(&mut out, 0xDA, &[3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]);

    let mut bits = Bits {
        out: Vec::new(),
        acc: 0,
        n: 0,
    };
    let mut pred = [0i32; 3];
    let px = |x: usize, y: usize, c: usize| -> f32 {
        let i = (y.min(h - 1) * w + x.min(w - 1)) * 3;
        let (r, g, b) = (rgb[i] as f32, rgb[i + 1] as f32, rgb[i + 2] as f32);
        match c {
            0 => 0.299 * r + 0.587 * g + 0.114 * b - 128.0,
            1 => -0.1687 * r - 0.3313 * g + 0.5 * b,
            _ => 0.5 * r - 0.4187 * g - 0.0813 * b,
        }
    };
    for by in (0..h).step_by(8) {
        for bx in (0..w).step_by(8) {
            for (c, p) in pred.iter_mut().enumerate() {
                let mut block = [[0f32; 8]; 8];
                for (y, row) in block.iter_mut().enumerate() {
                    for (x, v) in row.iter_mut().enumerate() {
                        *v = px(bx + x, by + y, c);
                    }
                }
                let mut q = [0i32; 64];
                for v in 0..8 {
                    for u in 0..8 {
                        let mut s = 0f32;
                        for (y, row) in block.iter().enumerate() {
                            for (x, val) in row.iter().enumerate() {
                                s += val * cos[x][u] * cos[y][v];
                            }
                        }
                        let cu = if u == 0 {
                            std::f32::consts::FRAC_1_SQRT_2
                        } else {
                            1.0
                        };
                        let cv = if v == 0 {
                            std::f32::consts::FRAC_1_SQRT_2
                        } else {
                            1.0
                        };
                        let f = 0.25 * cu * cv * s;
                        q[v * 8 + u] = (f / QUANT[v * 8 + u] as f32).round() as i32;
                    }
                }
                let diff = q[0] - *p;
                *p = q[0];
                let (s, b) = category(diff);
                bits.put(dc[s as usize].0, dc[s as usize].1);
                bits.put(b, s);
                let mut run = 0;
                for k in 1..64 {
                    let v = q[ZIGZAG[k]];
                    if v == 0 {
                        run += 1;
                        continue;
                    }
                    while run > 15 {
                        bits.put(ac[0xF0].0, ac[0xF0].1);
                        run -= 16;
                    }
                    let (s, b) = category(v);
                    let sym = (run << 4) as usize | s as usize;
                    bits.put(ac[sym].0, ac[sym].1);
                    bits.put(b, s);
                    run = 0;
                }
                if run > 0 {
                    bits.put(ac[0].0, ac[0].1);
                }
            }
        }
    }
    bits.flush();
    out.extend_from_slice(&bits.out);
    out.extend_from_slice(&[0xFF, 0xD9]);
    out
}

/// A photo-like picture: a lit room (gradients), a few people-sized blobs and
/// sensor noise, so it compresses like a real snapshot.
pub fn photo(rng: &mut Rng, w: usize, h: usize) -> Vec<u8> {
    let mut rgb = vec![0u8; w * h * 3];
    let blobs: Vec<(f32, f32, f32, [f32; 3])> = (0..rng.range(3, 8))
        .map(|_| {
            (
                rng.below(w) as f32,
                (h / 2 + rng.below(h / 2)) as f32,
                (20 + rng.below(60)) as f32,
                [
                    rng.below(200) as f32,
                    rng.below(200) as f32,
                    rng.below(200) as f32,
                ],
            )
        })
        .collect();
    for y in 0..h {
        for x in 0..w {
            let (fx, fy) = (x as f32, y as f32);
            let mut c = [
                180.0 - fy * 0.15 + fx * 0.02,
                170.0 - fy * 0.12,
                150.0 + fx * 0.03 - fy * 0.1,
            ];
            for (cx, cy, r, col) in &blobs {
                let d = ((fx - cx).powi(2) + (fy - cy).powi(2)).sqrt();
                if d < *r {
                    let t = 1.0 - d / r;
                    for k in 0..3 {
                        c[k] = c[k] * (1.0 - t) + col[k] * t;
                    }
                }
            }
            let noise = (rng.next_u64() % 25) as f32 - 12.0;
            let i = (y * w + x) * 3;
            for k in 0..3 {
                rgb[i + k] = (c[k] + noise).clamp(0.0, 255.0) as u8;
            }
        }
    }
    rgb
}
