//! `lexicon-fst TSV_DIR OUT_DIR` turns each `<lang>.tsv` in TSV_DIR (lines `word<TAB>zipf×100`, sorted by bytes, as
//! `scripts/export_lexicon.py` writes them) into `<lang>.fst`, an `fst::Map` from the word to
//! its Zipf frequency × 100, in OUT_DIR. Run by hand when the lexicon is regenerated; never by the build.

use std::{env, error::Error, fs, io::BufWriter, path::PathBuf};

fn main() -> Result<(), Box<dyn Error>> {
    let dir = PathBuf::from(env::args().nth(1).unwrap_or_else(|| "/tmp/lexicon-tsv".into()));
    let out_dir = PathBuf::from(env::args().nth(2).unwrap_or_else(|| "lexicon".into()));
    let mut tsvs: Vec<PathBuf> = fs::read_dir(&dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    tsvs.sort();
    for tsv in tsvs {
        let text = fs::read_to_string(&tsv)?;
        let out = out_dir.join(tsv.with_extension("fst").file_name().ok_or("no file name")?);
        let mut builder = fst::MapBuilder::new(BufWriter::new(fs::File::create(&out)?))?;
        let mut n = 0usize;
        for (i, line) in text.lines().enumerate() {
            let (word, zipf) = line
                .split_once('\t')
                .ok_or_else(|| format!("{}:{}: no tab", tsv.display(), i + 1))?;
            builder.insert(word, zipf.trim().parse::<u64>()?)?;
            n += 1;
        }
        builder.finish()?;
        println!("{}: {n} words, {} bytes", out.display(), fs::metadata(&out)?.len());
    }
    Ok(())
}
