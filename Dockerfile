# A small static image: mtlint built against musl, on an empty base.
#   docker build -t mtlint .
#   docker run --rm -v "$PWD:/work" mtlint check articles/
FROM rust:1.88-alpine AS build
RUN apk add --no-cache musl-dev
WORKDIR /src
COPY Cargo.toml Cargo.lock build.rs ./
COPY src src
COPY rules rules
COPY benches benches
COPY examples examples
ENV CARGO_PROFILE_RELEASE_STRIP=true
RUN cargo build --release --locked --bin mtlint

FROM scratch
COPY --from=build /src/target/release/mtlint /mtlint
WORKDIR /work
ENTRYPOINT ["/mtlint"]
CMD ["--help"]
