//! RON, the lossless export: what notebooks load (Rust's `ron` crate, Python's `pyron.load`)
//! and what `gazegraph export` and `gazegraph merge` read back ([`crate::graph::document::read`]).

use std::fmt;
use std::io::Write;

use serde::ser::{self, Serialize, Serializer};

use crate::graph::GraphDocument;

/// The document as pretty RON. Struct names are left out (Python's reader drops them
/// anyway) and every enum-like value is a string, so nothing is lost in either language.
/// Streamed into `out`.
///
/// The bytes are those of `ron`'s own escaping pretty printer, but faster: `ron` escapes
/// strings one character at a time, so strings that need no escape (nearly all) go through
/// its unescaped path instead, and the few others are escaped here exactly as `ron` would
/// and handed over as raw RON.
pub(crate) fn write_ron<W: Write>(document: &GraphDocument, out: &mut W) -> std::io::Result<()> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .indentor("  ")
        .escape_strings(false);
    let mut sink = IoSink {
        out: &mut *out,
        error: None,
    };
    let result = ron::Options::default().to_writer_pretty(&mut sink, &Escaped(document), config);
    if let Some(error) = sink.error {
        return Err(error);
    }
    result.map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

/// `ron` writes to a [`fmt::Write`]; this forwards to an [`std::io::Write`] and keeps the
/// I/O error, which [`fmt::Error`] cannot carry (a broken pipe must stay a broken pipe).
struct IoSink<'a, W> {
    out: &'a mut W,
    error: Option<std::io::Error>,
}

// `ron` writes punctuation a character at a time: both methods are inlined into it whatever
// codegen unit it lands in, instead of the default `write_char` being called out of line.
impl<W: Write> fmt::Write for IoSink<'_, W> {
    #[inline]
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.out.write_all(s.as_bytes()).map_err(|e| {
            self.error = Some(e);
            fmt::Error
        })
    }

    #[inline]
    fn write_char(&mut self, c: char) -> fmt::Result {
        self.write_str(c.encode_utf8(&mut [0; 4]))
    }
}

/// Where `ron`'s escaping (`char::escape_debug`) first changes a character of `s`, if it
/// changes any; if not, the escaped and unescaped forms of `s` are the same `"s"`.
fn first_escape(s: &str) -> Option<usize> {
    let mut from = 0;
    loop {
        let special = |b: &u8| !matches!(b, b' '..=b'~') || matches!(b, b'"' | b'\'' | b'\\');
        let i = from + s.as_bytes()[from..].iter().position(special)?;
        let c = s[i..].chars().next().expect("a character starts at i");
        if c.is_ascii() || c.escape_debug().len() != 1 {
            return Some(i);
        }
        from = i + c.len_utf8();
    }
}

/// A value whose strings go to `ron` (configured with `escape_strings(false)`) through
/// [`Strings`].
struct Escaped<'a, T: ?Sized>(&'a T);

impl<T: Serialize + ?Sized> Serialize for Escaped<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize(Strings(serializer))
    }
}

/// A serializer passing everything to `ron`'s unchanged, except strings and bytes that need
/// escaping: those are escaped as `ron`'s escaping mode would, and written as raw values.
struct Strings<S>(S);

impl<S: Serializer> Strings<S> {
    fn raw(self, literal: &str) -> std::result::Result<S::Ok, S::Error> {
        ron::value::RawValue::from_ron(literal)
            .map_err(ser::Error::custom)?
            .serialize(self.0)
    }
}

/// Forwards `Serializer` methods that take no value to wrap.
macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*) -> $ret:ty;)*) => {$(
        fn $method(self, $($arg: $ty),*) -> std::result::Result<$ret, S::Error> {
            self.0.$method($($arg),*).map(Strings)
        }
    )*};
}

/// Forwards `Serializer` methods that write a scalar.
macro_rules! scalar {
    ($($method:ident($ty:ty);)*) => {$(
        fn $method(self, v: $ty) -> std::result::Result<S::Ok, S::Error> {
            self.0.$method(v)
        }
    )*};
}

impl<S: Serializer> Serializer for Strings<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Strings<S::SerializeSeq>;
    type SerializeTuple = Strings<S::SerializeTuple>;
    type SerializeTupleStruct = Strings<S::SerializeTupleStruct>;
    type SerializeTupleVariant = Strings<S::SerializeTupleVariant>;
    type SerializeMap = Strings<S::SerializeMap>;
    type SerializeStruct = Strings<S::SerializeStruct>;
    type SerializeStructVariant = Strings<S::SerializeStructVariant>;

    scalar! {
        serialize_bool(bool);
        serialize_i8(i8);
        serialize_i16(i16);
        serialize_i32(i32);
        serialize_i64(i64);
        serialize_i128(i128);
        serialize_u8(u8);
        serialize_u16(u16);
        serialize_u32(u32);
        serialize_u64(u64);
        serialize_u128(u128);
        serialize_f32(f32);
        serialize_f64(f64);
        serialize_char(char);
        serialize_unit_struct(&'static str);
    }

    fn serialize_str(self, v: &str) -> std::result::Result<S::Ok, S::Error> {
        if first_escape(v).is_none() {
            return self.0.serialize_str(v);
        }
        // Runs of characters that stay as they are are copied whole.
        let mut literal = String::with_capacity(v.len() + 8);
        literal.push('"');
        let mut rest = v;
        while let Some(i) = first_escape(rest) {
            let c = rest[i..].chars().next().expect("a character starts at i");
            literal.push_str(&rest[..i]);
            literal.extend(c.escape_debug());
            rest = &rest[i + c.len_utf8()..];
        }
        literal.push_str(rest);
        literal.push('"');
        self.raw(&literal)
    }

    fn serialize_bytes(self, v: &[u8]) -> std::result::Result<S::Ok, S::Error> {
        let mut literal = String::from("b\"");
        literal.extend(v.iter().flat_map(|b| b.escape_ascii()).map(char::from));
        literal.push('"');
        self.raw(&literal)
    }

    fn serialize_none(self) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_none()
    }

    fn serialize_some<T: Serialize + ?Sized>(
        self,
        value: &T,
    ) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_some(&Escaped(value))
    }

    fn serialize_unit(self) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
    ) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_unit_variant(name, index, variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_newtype_struct(name, &Escaped(value))
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> std::result::Result<S::Ok, S::Error> {
        self.0
            .serialize_newtype_variant(name, index, variant, &Escaped(value))
    }

    forward! {
        serialize_seq(len: Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(len: usize) -> Self::SerializeTuple;
        serialize_tuple_struct(name: &'static str, len: usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Self::SerializeTupleVariant;
        serialize_map(len: Option<usize>) -> Self::SerializeMap;
        serialize_struct(name: &'static str, len: usize) -> Self::SerializeStruct;
        serialize_struct_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Self::SerializeStructVariant;
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// Implements a compound serializer trait by wrapping every element in [`Escaped`].
macro_rules! compound {
    ($($trait:ident { $($method:ident($($key:ident: $key_ty:ty),*);)* })*) => {$(
        impl<S: ser::$trait> ser::$trait for Strings<S> {
            type Ok = S::Ok;
            type Error = S::Error;
            $(
                fn $method<T: Serialize + ?Sized>(
                    &mut self,
                    $($key: $key_ty,)*
                    value: &T,
                ) -> std::result::Result<(), S::Error> {
                    self.0.$method($($key,)* &Escaped(value))
                }
            )*
            fn end(self) -> std::result::Result<S::Ok, S::Error> {
                self.0.end()
            }
        }
    )*};
}

compound! {
    SerializeSeq { serialize_element(); }
    SerializeTuple { serialize_element(); }
    SerializeTupleStruct { serialize_field(); }
    SerializeTupleVariant { serialize_field(); }
    SerializeMap { serialize_key(); serialize_value(); }
    SerializeStruct { serialize_field(key: &'static str); }
    SerializeStructVariant { serialize_field(key: &'static str); }
}

#[cfg(test)]
mod tests;
