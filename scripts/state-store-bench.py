#!/usr/bin/env python3
"""Plan and apply of a generated configuration with the state in each store: local file, S3
(moto_server's S3, on loopback) and PostgreSQL (a server on loopback), interleaved, with the
overhead of each shared store over the local file.

    swift build -c release --product iamconf
    scripts/state-store-bench.py .build/release/iamconf --size 10000 --repeat 3

Steps per store: plan (against an empty state), apply (from empty, simulator backend: the store's
cost is the state reads and the intermediate saves), no-change plan. moto_server and PostgreSQL are
started by this script (PostgreSQL from Debian's packages, as the postgres user when root) unless
IAMCONF_TEST_POSTGRES_URL / IAMCONF_TEST_POSTGRES_PASSWORD name one.
"""
import argparse, os, shutil, socket, statistics, subprocess, sys, tempfile, time, urllib.request, uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_moto():
    port = free_port()
    env = dict(os.environ)
    env.pop("MOTO_ACCOUNT_ID", None)
    proc = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(url + "/moto-api/", timeout=1)
            return proc, url
        except Exception:
            time.sleep(0.1)
    raise SystemExit("moto_server did not start")


def start_postgres():
    if os.environ.get("IAMCONF_TEST_POSTGRES_URL"):
        return None, os.environ["IAMCONF_TEST_POSTGRES_URL"], os.environ.get("IAMCONF_TEST_POSTGRES_PASSWORD", "")
    bins = sorted(d for d in os.listdir("/usr/lib/postgresql") if d.isdigit())
    bin_dir = f"/usr/lib/postgresql/{bins[-1]}/bin"
    work = tempfile.mkdtemp(prefix="iamconf-bench-pg-")
    password = uuid.uuid4().hex
    root = os.geteuid() == 0
    kw = dict(user="postgres", group="postgres", extra_groups=[]) if root else {}
    if root:
        shutil.chown(work, "postgres", "postgres")
    with open(os.path.join(work, "pw"), "w") as f:
        f.write(password)
    if root:
        shutil.chown(os.path.join(work, "pw"), "postgres", "postgres")
    subprocess.run([f"{bin_dir}/initdb", "-D", f"{work}/data", "-U", "iamconf", "--auth-local=trust",
                    "--auth-host=scram-sha-256", f"--pwfile={work}/pw", "--no-sync"], check=True,
                   stdout=subprocess.DEVNULL, **kw)
    port = free_port()
    proc = subprocess.Popen([f"{bin_dir}/postgres", "-D", f"{work}/data", "-p", str(port), "-k", work,
                             "-c", "listen_addresses=127.0.0.1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    for _ in range(300):
        if subprocess.run([f"{bin_dir}/pg_isready", "-h", "127.0.0.1", "-p", str(port), "-q"]).returncode == 0:
            return (proc, work), f"postgres://iamconf@127.0.0.1:{port}/postgres", password
        time.sleep(0.1)
    raise SystemExit("postgres did not start")


def run(argv, env):
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, err = process.communicate()
    wall = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(argv)}\n{err.decode()[-2000:]}")
    return wall


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("iamconf")
    ap.add_argument("--size", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--work", default=os.path.join(ROOT, "bench-results", "state-stores"))
    args = ap.parse_args()
    exe = os.path.abspath(args.iamconf)
    work = os.path.join(args.work, str(args.size))
    cfg = os.path.join(work, "iamconf")
    if not os.path.isdir(cfg):
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "generate.py"), str(args.size), "--seed", "1",
                        "--accounts", "20", "--out", work], check=True, stdout=subprocess.DEVNULL)
    moto, moto_url = start_moto()
    pg, pg_url, pg_password = start_postgres()
    env = dict(os.environ, PGPASSWORD=pg_password, AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench")
    results = {}
    try:
        for attempt in range(args.repeat):
            bucket = f"bench-{uuid.uuid4().hex[:12]}"
            subprocess.run([sys.executable, "-c", f"import boto3; boto3.client('s3', endpoint_url='{moto_url}', aws_access_key_id='a', "
                            f"aws_secret_access_key='b', region_name='us-east-1').create_bucket(Bucket='{bucket}')"], check=True)
            stores = {
                "local": lambda home: os.path.join(home, "state.json"),
                "s3": lambda home: f"s3://{bucket}/{os.path.basename(home)}.json?endpoint_url={moto_url}",
                "postgres": lambda home: f"{pg_url}?state={os.path.basename(home)}-{attempt}",
            }
            for name, location in stores.items():
                home = os.path.join(work, f"{name}-{attempt}")
                shutil.rmtree(home, ignore_errors=True)
                os.makedirs(home)
                state = location(home)
                empty = location(home + "-empty")
                # The simulator's world lives beside the configuration when the state is remote: a copy per run.
                config = os.path.join(home, "iamconf")
                shutil.copytree(cfg, config)
                steps = [
                    ("plan", [exe, "plan", config, "--state", empty, "--no-color"]),
                    ("apply", [exe, "apply", config, "--auto-approve", "--no-color", "--state", state]),
                    ("noop_plan", [exe, "plan", config, "--state", state, "--no-color"]),
                ]
                for step, argv in steps:
                    results.setdefault((step, name), []).append(run(argv, env))
                shutil.rmtree(home, ignore_errors=True)
    finally:
        moto.terminate()
        if pg:
            pg[0].send_signal(2)
            pg[0].wait()
            shutil.rmtree(pg[1], ignore_errors=True)
    print(f"size {args.size}, {args.repeat} runs each, median wall seconds (overhead over local):")
    for step in ["plan", "apply", "noop_plan"]:
        local = statistics.median(results[(step, "local")])
        cells = []
        for name in ["local", "s3", "postgres"]:
            value = statistics.median(results[(step, name)])
            cells.append(f"{name} {value:.2f}" + ("" if name == "local" else f" ({value - local:+.2f} s, {100 * (value / local - 1):+.0f}%)"))
        print(f"  {step:10s} " + " | ".join(cells))


if __name__ == "__main__":
    main()
