export const HELP = `portkey: put a live function on the internet

Usage
  portkey mount <file>#<export> <route> [options]   mount on the running \`portkey serve\`,
                                                    or serve it here until Ctrl-C
  portkey serve [--port] [--host] [--state-dir]     serve every recorded mount until Ctrl-C
  portkey ls [--backend aws] [--json]               list mounts
  portkey rm <name>... | --all [--backend aws]      remove mounts
  portkey logs <name> [--follow]                    a mount's log lines (from \`portkey serve\`)
  portkey pack <file>#<export> [options]            write the function's deployment zip
  portkey inspect <file>#<export> [--json]          show what a mount would capture, and why
  portkey --help | --version

<file>#<export>  a .js/.mjs/.cjs file and the name of an exported function
                 (#default or no #... for the default export)
<route>          e.g. '/hello?name={name}', '/users/{id}', '/add?a={a:number}&b={b:number}'

Options for mount
  --name <name>        mount name (default: the function's name)
  --port <port>        gateway port on 127.0.0.1 (default: a free port)
  --state-dir <dir>    where mounts are recorded and served from (default: ./.portkey)
  --timeout <seconds>  per-request time limit (default: 3)
  --memory <MB>        memory size, as Lambda's setting (default: 128)
  --runtime, --minify, --external, --allow-native-addons   as for pack
  --env KEY=VALUE      environment variable for the function (repeatable)
  --backend <name>     local (default) or aws
  --dry-run            with --backend aws: print the plan, change nothing
  --region, --profile  with --backend aws: where and as whom (default: the AWS SDK's chain)
  --endpoint <url>     with --backend aws: an emulator such as LocalStack
  --json               with --dry-run: print the plan as JSON

Options for serve
  --port <port>        gateway port (default: a free port)
  --host <address>     gateway address (default: 127.0.0.1; anything else is reachable from
                       the network and prints a warning)

Options for ls, rm, logs
  --state-dir <dir>    which server or state directory (default: ./.portkey)
  --backend aws        ls/rm: the mounts on AWS instead (with --region, --profile, --endpoint)
  --all                rm: every mount (with --backend aws: everything Portkey made there)
  -f, --follow         logs: keep printing new lines until Ctrl-C

Options for pack
  --route <route>      route baked into the zip (default: /<export>?<param>={<param>}...)
  -o, --out <file>     output zip (default: <name>.zip)
  --runtime <name>     nodejs20.x or nodejs22.x (default: the newest this Node can run)
  --minify             minify the bundle
  --external <pkg>     copy a package's files instead of bundling it (repeatable)
  --allow-native-addons  include packages with native .node files (they must match Lambda's Linux)
  --json               print the result as JSON on stdout

Examples
  portkey mount ./api.mjs#flatter '/hello?name={name}'
  portkey mount ./api.mjs#flatter '/hello?name={name}' --backend aws --dry-run
  curl 'http://127.0.0.1:PORT/hello?name=Rich'
`
