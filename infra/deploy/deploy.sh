#!/usr/bin/env bash
# Builds the function packages and deploys template.yaml with AWS SAM (see infra/deploy/README.md).
#   infra/deploy/deploy.sh [--jvm] [extra sam deploy arguments]
# STAGE=prod (default) | staging | dev. The first run is --guided: SAM asks for the parameters and
# saves them in samconfig.toml; later runs reuse them.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
STAGE="${STAGE:-prod}"
RUNTIME=native
if [ "${1:-}" = "--jvm" ]; then
  RUNTIME=jvm
  shift
fi

command -v sam >/dev/null || { echo "deploy: the AWS SAM CLI (sam) is not installed" >&2; exit 1; }
command -v aws >/dev/null || { echo "deploy: the AWS CLI (aws) is not installed" >&2; exit 1; }
aws sts get-caller-identity >/dev/null || { echo "deploy: no AWS credentials (aws configure / aws sso login)" >&2; exit 1; }

if [ "$RUNTIME" = native ]; then
  echo "deploy: building native executables (GraalVM/Mandrel or a container runtime needed) …"
  ./mvnw -B -q package -Dnative -DskipTests
  for zip in functions/*/target/function.zip; do
    unzip -l "$zip" | grep -q ' bootstrap$' || { echo "deploy: $zip has no native bootstrap" >&2; exit 1; }
  done
else
  echo "deploy: building the JVM packages …"
  ./mvnw -B -q package -DskipTests
fi

# The CodeUri of every function is its module's target/function.zip: sam build only copies them.
sam validate --lint --template-file template.yaml
sam build --template-file template.yaml

CONFIG=samconfig.toml
GUIDED=()
if [ ! -f "$CONFIG" ] || ! grep -q "\[$STAGE.deploy" "$CONFIG"; then
  GUIDED=(--guided)
fi
sam deploy "${GUIDED[@]}" --config-env "$STAGE" --stack-name "gst-comms-$STAGE" \
  --capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND \
  --parameter-overrides "Stage=$STAGE FunctionRuntime=$RUNTIME" "$@"
