//! A tiny HTTP server on 127.0.0.1 for the scan tests: it serves a fixture site
//! (tests/fixtures/sites/<name>) and a few bad cases. Never any other address.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use super::common::fixtures;

/// A server running in background threads for the life of the test process.
pub struct Server {
    pub port: u16,
}

impl Server {
    /// `http://127.0.0.1:PORT` + path.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

/// Serves the fixture site `name` (and the bad cases under `/cas/…`).
pub fn serve(name: &str) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let root = fixtures().join("sites").join(name);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || {
                let _ = handle(stream, &root);
            });
        }
    });
    Server { port }
}

/// The request path of an HTTP request and its port (from the Host header), headers read.
fn request_path(stream: &TcpStream) -> std::io::Result<(String, String)> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut port = String::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some(host) = header.to_ascii_lowercase().strip_prefix("host:") {
            port = host.trim().rsplit(':').next().unwrap_or("").to_string();
        }
    }
    Ok((path, port))
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    headers: &[String],
    body: &[u8],
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for header in headers {
        head.push_str(header);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)
}

fn handle(mut stream: TcpStream, root: &std::path::Path) -> std::io::Result<()> {
    let (path, port) = request_path(&stream)?;
    let path = path.split('?').next().unwrap_or("/").to_string();
    match path.as_str() {
        // The home page moved to another host name (localhost → 127.0.0.1).
        "/cas/ailleurs" => respond(
            &mut stream,
            "301 Moved Permanently",
            &[format!("Location: http://127.0.0.1:{port}/")],
            b"",
        ),
        "/cas/boucle-a" => respond(
            &mut stream,
            "302 Found",
            &["Location: /cas/boucle-b".into()],
            b"",
        ),
        "/cas/boucle-b" => respond(
            &mut stream,
            "302 Found",
            &["Location: /cas/boucle-a".into()],
            b"",
        ),
        "/cas/lent" => {
            std::thread::sleep(Duration::from_secs(20));
            respond(
                &mut stream,
                "200 OK",
                &["Content-Type: text/html".into()],
                b"<p>trop tard</p>",
            )
        }
        "/cas/pdf" => respond(
            &mut stream,
            "200 OK",
            &["Content-Type: application/pdf".into()],
            b"%PDF-1.4",
        ),
        "/cas/enorme" => {
            // 50 MB of HTML, streamed: the client must stop reading at its limit.
            let size: usize = 50 * 1024 * 1024;
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n"
            );
            stream.write_all(head.as_bytes())?;
            let start = b"<html><body><a href=\"/mentions-legales\">Mentions legales</a>";
            stream.write_all(start)?;
            let chunk = b"<p>remplissage</p>".repeat(4096);
            let mut sent = start.len();
            while sent < size {
                let n = chunk.len().min(size - sent);
                stream.write_all(&chunk[..n])?;
                sent += n;
            }
            Ok(())
        }
        _ => serve_file(&mut stream, root, &path),
    }
}

fn serve_file(stream: &mut TcpStream, root: &std::path::Path, path: &str) -> std::io::Result<()> {
    let relative = path.trim_start_matches('/');
    let script = relative.ends_with(".js");
    let file: PathBuf = if relative.is_empty() {
        root.join("index.html")
    } else if relative.ends_with(".html") || script {
        root.join(relative)
    } else {
        root.join(format!("{relative}.html"))
    };
    if relative.contains("..") || !file.is_file() {
        return respond(
            stream,
            "404 Not Found",
            &["Content-Type: text/html".into()],
            b"<h1>Introuvable</h1>",
        );
    }
    let mut body = Vec::new();
    std::fs::File::open(&file)?.read_to_end(&mut body)?;
    let kind = if script {
        "application/javascript"
    } else {
        "text/html; charset=utf-8"
    };
    let mut headers = vec![format!("Content-Type: {kind}")];
    let extra = PathBuf::from(format!("{}.headers", file.display()));
    if let Ok(text) = std::fs::read_to_string(extra) {
        headers.extend(
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(String::from),
        );
    }
    respond(stream, "200 OK", &headers, &body)
}

/// An HTTPS server with a self-signed certificate (tests/fixtures/tls): a client that checks
/// certificates must refuse it.
pub fn serve_self_signed() -> Server {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let dir = fixtures().join("tls");
    let certs = vec![CertificateDer::from_pem_file(dir.join("certificat.pem")).unwrap()];
    let key = PrivateKeyDer::from_pem_file(dir.join("cle.pem")).unwrap();
    let config = Arc::new(
        rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap(),
    );
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let config = config.clone();
            std::thread::spawn(move || {
                let Ok(connection) = rustls::ServerConnection::new(config) else {
                    return;
                };
                let mut tls = rustls::StreamOwned::new(connection, stream);
                let mut buffer = [0u8; 1024];
                let _ = tls.read(&mut buffer);
                let _ = tls.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            });
        }
    });
    Server { port }
}

/// A port on which nothing listens.
pub fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}
