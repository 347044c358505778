//! Any serialisable value as a tree of YAML nodes that remembers which strings are the tool's own
//! dates and times. serde hands jiff's `Timestamp` and `Date` to the serializer through
//! `collect_str`, and people's text through `serialize_str`; this serializer keeps the two apart,
//! so a date the tool wrote stays plain (`due: 2027-01-31`) while a note reading `2026-12-01` is
//! quoted. yaml_serde's own `to_value` cannot tell them apart.
//!
//! Tags follow yaml_serde: a `serde_yaml::Value` that is tagged serialises as a one-entry map whose
//! key writes `!` and then the tag, and enum variants with data become tags.

use std::fmt::{self, Display, Write as _};

use serde::ser::{self, Serialize};

/// A YAML node.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, already written as YAML reads it back (`12`, `1.5`, `.inf`).
    Number(String),
    /// Text, quoted as its content needs.
    Text(String),
    /// A date or a timestamp the tool wrote (`2027-01-31`, `2026-09-03T16:00:00Z`), written plain.
    Stamp(String),
    /// A sequence.
    List(Vec<Node>),
    /// A mapping, in order.
    Map(Vec<(Node, Node)>),
    /// A tagged node: the tag without its leading `!`, and the node.
    Tagged(String, Box<Node>),
}

/// The node tree of `value`.
pub fn to_node<T: Serialize + ?Sized>(value: &T) -> Result<Node> {
    value.serialize(Nodes).map(Part::into_node)
}

/// What a serializer call gives: a node, or the key of a tagged value (its tag).
enum Part {
    Node(Node),
    Tag(String),
}

impl Part {
    fn into_node(self) -> Node {
        match self {
            Part::Node(n) => n,
            // A tag's key anywhere but in a tagged value is the text it writes.
            Part::Tag(t) => Node::Text(format!("!{t}")),
        }
    }
}

/// Whether the text is a date (`2027-01-31`) or a UTC timestamp (`2026-09-03T16:00:00Z`, with
/// any fraction of a second) exactly as jiff writes them, which every YAML reader takes as one.
fn is_stamp(text: &str) -> bool {
    let b = text.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let date = b.len() >= 10 && digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-';
    let date = date && digits(8..10);
    if !date {
        return false;
    }
    if b.len() == 10 {
        return true;
    }
    let time = b.len() >= 20
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && b[b.len() - 1] == b'Z';
    time && match &b[19..b.len() - 1] {
        [] => true,
        [b'.', fraction @ ..] => !fraction.is_empty() && fraction.iter().all(u8::is_ascii_digit),
        _ => false,
    }
}

/// A float as YAML 1.1 and 1.2 both read it back as the same float.
fn float(v: f64) -> String {
    if v.is_nan() {
        return ".nan".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { ".inf" } else { "-.inf" }.into();
    }
    // Debug keeps a float a float (`1.0`, `1e300`); YAML 1.1 needs a dot and a signed exponent.
    let text = format!("{v:?}");
    match text.split_once('e') {
        Some((mantissa, exponent)) => {
            let mantissa = if mantissa.contains('.') {
                mantissa.to_string()
            } else {
                format!("{mantissa}.0")
            };
            let sign = if exponent.starts_with('-') { "" } else { "+" };
            format!("{mantissa}e{sign}{exponent}")
        }
        None => text,
    }
}

/// Splits what a `Display` writes into a tag (a lone `!` first, then the tag) or the text.
fn tag_or_text<T: Display + ?Sized>(value: &T) -> Part {
    #[derive(Default)]
    struct Pieces(Vec<String>);
    impl fmt::Write for Pieces {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            if !s.is_empty() {
                self.0.push(s.to_string());
            }
            Ok(())
        }
    }
    let mut pieces = Pieces::default();
    let _ = write!(pieces, "{value}");
    match pieces.0.as_slice() {
        [bang, tag] if bang == "!" => Part::Tag(tag.clone()),
        _ => {
            let text = pieces.0.concat();
            Part::Node(if is_stamp(&text) {
                Node::Stamp(text)
            } else {
                Node::Text(text)
            })
        }
    }
}

/// The serializer.
struct Nodes;

/// A sequence being built; `tag` names an enum variant's.
struct Seq {
    items: Vec<Node>,
    tag: Option<String>,
}

/// A mapping being built; `tag` names an enum variant's; `key` waits for its value.
struct Map {
    entries: Vec<(Part, Node)>,
    key: Option<Part>,
    tag: Option<String>,
}

fn tagged(tag: Option<String>, node: Node) -> Part {
    Part::Node(match tag {
        Some(t) => Node::Tagged(t, Box::new(node)),
        None => node,
    })
}

type Result<T> = std::result::Result<T, serde_yaml::Error>;

impl ser::Serializer for Nodes {
    type Ok = Part;
    type Error = serde_yaml::Error;
    type SerializeSeq = Seq;
    type SerializeTuple = Seq;
    type SerializeTupleStruct = Seq;
    type SerializeTupleVariant = Seq;
    type SerializeMap = Map;
    type SerializeStruct = Map;
    type SerializeStructVariant = Map;

    fn serialize_bool(self, v: bool) -> Result<Part> {
        Ok(Part::Node(Node::Bool(v)))
    }
    fn serialize_i8(self, v: i8) -> Result<Part> {
        self.serialize_i128(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<Part> {
        self.serialize_i128(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<Part> {
        self.serialize_i128(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<Part> {
        self.serialize_i128(v.into())
    }
    fn serialize_i128(self, v: i128) -> Result<Part> {
        Ok(Part::Node(Node::Number(v.to_string())))
    }
    fn serialize_u8(self, v: u8) -> Result<Part> {
        self.serialize_u128(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<Part> {
        self.serialize_u128(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<Part> {
        self.serialize_u128(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<Part> {
        self.serialize_u128(v.into())
    }
    fn serialize_u128(self, v: u128) -> Result<Part> {
        Ok(Part::Node(Node::Number(v.to_string())))
    }
    fn serialize_f32(self, v: f32) -> Result<Part> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<Part> {
        Ok(Part::Node(Node::Number(float(v))))
    }
    fn serialize_char(self, v: char) -> Result<Part> {
        Ok(Part::Node(Node::Text(v.to_string())))
    }
    fn serialize_str(self, v: &str) -> Result<Part> {
        Ok(Part::Node(Node::Text(v.to_string())))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<Part> {
        Err(<serde_yaml::Error as ser::Error>::custom(
            "bytes cannot be written as YAML",
        ))
    }
    fn serialize_none(self) -> Result<Part> {
        Ok(Part::Node(Node::Null))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Part> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Part> {
        Ok(Part::Node(Node::Null))
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Part> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Part> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Part> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Part> {
        let node = value.serialize(Nodes)?.into_node();
        Ok(tagged(Some(variant.to_string()), node))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq> {
        Ok(Seq {
            items: Vec::with_capacity(len.unwrap_or(0)),
            tag: None,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Seq> {
        let mut seq = self.serialize_seq(Some(len))?;
        seq.tag = Some(variant.to_string());
        Ok(seq)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Map> {
        Ok(Map {
            entries: Vec::with_capacity(len.unwrap_or(0)),
            key: None,
            tag: None,
        })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Map> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Map> {
        let mut map = self.serialize_map(Some(len))?;
        map.tag = Some(variant.to_string());
        Ok(map)
    }
    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result<Part> {
        Ok(tag_or_text(value))
    }
}

impl ser::SerializeSeq for Seq {
    type Ok = Part;
    type Error = serde_yaml::Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.items.push(value.serialize(Nodes)?.into_node());
        Ok(())
    }
    fn end(self) -> Result<Part> {
        Ok(tagged(self.tag, Node::List(self.items)))
    }
}

macro_rules! seq_like {
    ($trait:ident, $method:ident) => {
        impl ser::$trait for Seq {
            type Ok = Part;
            type Error = serde_yaml::Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
                ser::SerializeSeq::serialize_element(self, value)
            }
            fn end(self) -> Result<Part> {
                ser::SerializeSeq::end(self)
            }
        }
    };
}
seq_like!(SerializeTuple, serialize_element);
seq_like!(SerializeTupleStruct, serialize_field);
seq_like!(SerializeTupleVariant, serialize_field);

impl ser::SerializeMap for Map {
    type Ok = Part;
    type Error = serde_yaml::Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.key = Some(key.serialize(Nodes)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let key = self.key.take().ok_or_else(|| {
            <serde_yaml::Error as ser::Error>::custom("a map value without its key")
        })?;
        self.entries
            .push((key, value.serialize(Nodes)?.into_node()));
        Ok(())
    }
    fn end(self) -> Result<Part> {
        let mut entries = self.entries;
        // A tagged `serde_yaml::Value`: one entry, keyed by its tag.
        if self.tag.is_none()
            && let [(Part::Tag(_), _)] = entries.as_slice()
            && let Some((Part::Tag(tag), node)) = entries.pop()
        {
            return Ok(Part::Node(Node::Tagged(tag, Box::new(node))));
        }
        let entries = entries
            .into_iter()
            .map(|(k, v)| (k.into_node(), v))
            .collect();
        Ok(tagged(self.tag, Node::Map(entries)))
    }
}

macro_rules! struct_like {
    ($trait:ident) => {
        impl ser::$trait for Map {
            type Ok = Part;
            type Error = serde_yaml::Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<()> {
                let value = value.serialize(Nodes)?.into_node();
                self.entries
                    .push((Part::Node(Node::Text(key.into())), value));
                Ok(())
            }
            fn end(self) -> Result<Part> {
                ser::SerializeMap::end(self)
            }
        }
    };
}
struct_like!(SerializeStruct);
struct_like!(SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tools_dates_and_times_are_stamps_and_peoples_text_is_text() {
        let when: jiff::Timestamp = "2026-09-03T16:00:00.51Z".parse().unwrap();
        assert_eq!(
            to_node(&when).unwrap(),
            Node::Stamp("2026-09-03T16:00:00.51Z".into())
        );
        let day = jiff::civil::date(2027, 1, 31);
        assert_eq!(to_node(&day).unwrap(), Node::Stamp("2027-01-31".into()));
        assert_eq!(
            to_node("2027-01-31").unwrap(),
            Node::Text("2027-01-31".into())
        );
    }

    #[test]
    fn only_exact_dates_and_utc_timestamps_count_as_stamps() {
        for stamp in [
            "2027-01-31",
            "2026-09-03T16:00:00Z",
            "2026-09-03T16:00:00.123456789Z",
        ] {
            assert!(is_stamp(stamp), "{stamp}");
        }
        for not in [
            "2027-1-31",
            "2026-09-03 16:00:00Z",
            "2026-09-03T16:00:00+01:00",
            "2026-09-03T16:00:00.Z",
            "-002026-09-03T16:00:00Z",
            "2026-09-03x",
        ] {
            assert!(!is_stamp(not), "{not}");
        }
    }

    #[test]
    fn floats_stay_floats_for_every_reader() {
        assert_eq!(float(1.0), "1.0");
        assert_eq!(float(0.25), "0.25");
        assert_eq!(float(1e300), "1.0e+300");
        assert_eq!(float(-2.5e-10), "-2.5e-10");
        assert_eq!(float(f64::INFINITY), ".inf");
        assert_eq!(float(f64::NEG_INFINITY), "-.inf");
        assert_eq!(float(f64::NAN), ".nan");
    }

    #[test]
    fn tagged_values_keep_their_tags() {
        let value: serde_yaml::Value = serde_yaml::from_str("!local {a: 1}").unwrap();
        let node = to_node(&value).unwrap();
        let inner = Node::Map(vec![(Node::Text("a".into()), Node::Number("1".into()))]);
        assert_eq!(node, Node::Tagged("local".into(), Box::new(inner)));
        let one: serde_yaml::Value = serde_yaml::from_str("{'!x': 1}").unwrap();
        let text = Node::Map(vec![(Node::Text("!x".into()), Node::Number("1".into()))]);
        assert_eq!(
            to_node(&one).unwrap(),
            text,
            "a key that only starts with ! is text"
        );
    }
}
