//! JSON -> model -> JSON is lossless on the committed sample: every value written back equals
//! the value read, field by field.

use pmo_analytics::model;
use serde_json::Value;

#[test]
fn the_sample_round_trips_without_loss() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/sample/portfolio.json");
    let text = std::fs::read_to_string(path).expect("www/sample/portfolio.json (run `make sample`)");
    let original: Value = serde_json::from_str(&text).unwrap();
    let (portfolio, _) = model::from_json_str(&text).expect("the sample loads");
    let written: Value = serde_json::from_str(&model::to_json_string(&portfolio)).unwrap();
    assert!(written == original, "the sample changed on the way through the model");
    let (again, _) = model::from_json_str(&written.to_string()).unwrap();
    assert_eq!(again, portfolio);
}
