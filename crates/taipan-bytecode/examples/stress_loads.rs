//! Throw mutated versions of a marshal file at `marshal::loads` (a poor man's fuzzer for
//! machines without cargo-fuzz): `cargo run --release --example stress_loads FILE [N]`.
//! It must never panic, hang or exhaust memory.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let data = std::fs::read(&args[0]).expect("read FILE");
    let data = if data.starts_with(&taipan_bytecode::pyc::MAGIC_NUMBER) {
        data[16..].to_vec()
    } else {
        data
    };
    let rounds: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let mut state = 0x9E3779B97F4A7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (mut ok, mut err) = (0usize, 0usize);
    for _ in 0..rounds {
        let mut m = data.clone();
        for _ in 0..1 + next() % 4 {
            let i = (next() as usize) % m.len();
            match next() % 4 {
                0 => m[i] = next() as u8,
                1 => m[i] ^= 1 << (next() % 8),
                2 => m.truncate(i),
                _ => {
                    let j = (next() as usize) % m.len();
                    m[i] = m[j];
                }
            }
            if m.is_empty() {
                break;
            }
        }
        match taipan_bytecode::marshal::loads(&m) {
            Ok(v) => {
                ok += 1;
                // The fuzz target's property: what loads, dumps and loads back equal.
                if let Ok(bytes) = taipan_bytecode::marshal::dumps(&v) {
                    assert_eq!(taipan_bytecode::marshal::loads(&bytes).ok(), Some(v));
                }
            }
            Err(_) => err += 1,
        }
    }
    println!("{rounds} mutations: {ok} loaded, {err} errors, no panic");
}
