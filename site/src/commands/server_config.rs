//! `site server-config`: the web server's configuration for a built site (Apache's `.htaccess`,
//! which `site build` also writes, or nginx's snippet for a `server { }` block).

use super::{fail, Command, CommandError, Use};
use crate::args::{Opt, Options};
use publish::server_config::{render, SERVERS};

/// `site server-config`.
pub const COMMAND: Command = Command {
    name: "server-config",
    uses: &[Use {
        required: &["--server"],
        summary: "作ったサイトを公開するウェブサーバーの設定（ファイルの種類、安全のためのヘッダー、キャッシュ、圧縮済みの写し）を書き出します。",
    }],
    options: &[
        Opt::one_of(
            "--server",
            &SERVERS,
            "ウェブサーバーの種類（nginx：server { } の中で include する設定、apache：build が書く .htaccess と同じもの）",
        ),
        Opt::ROOT,
    ],
    run: server_config_command,
};

fn server_config_command(opts: &Options, out: &mut String) -> Result<(), CommandError> {
    opts.required("--server", "ウェブサーバーの種類")?;
    let server = opts.choice("--server")?;
    // The templates of the root's site/templates/ win, as in a build from that root; the
    // content itself is not needed.
    let env = publish::environment(&publish::Source::Folder(opts.get("--root").unwrap_or(".").into()));
    out.push_str(&render(&env, server).map_err(|e| fail(e.to_string()))?);
    Ok(())
}
