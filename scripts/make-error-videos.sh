#!/usr/bin/env bash
# Regenerates the short static videos the playback route redirects to when it cannot play a stream.
# Needs ffmpeg (Debian: apt-get install ffmpeg) and the DejaVu fonts. The output is committed; run this
# only to change the wording.
set -euo pipefail
out="$(dirname "$0")/../chillproxy-server/src/main/resources/videos"
font=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
mkdir -p "$out"

make() {
    local name=$1 line1=$2 line2=$3
    ffmpeg -loglevel error -y -f lavfi -i "color=c=0x1b1f2a:s=640x360:d=6:r=10" \
        -f lavfi -i "anullsrc=r=22050:cl=mono" -t 6 \
        -vf "drawtext=fontfile=$font:text='$line1':fontcolor=white:fontsize=34:x=(w-tw)/2:y=(h/2)-40,drawtext=fontfile=$font:text='$line2':fontcolor=0xb0b8c8:fontsize=18:x=(w-tw)/2:y=(h/2)+20" \
        -c:v libx264 -preset veryslow -tune stillimage -pix_fmt yuv420p -crf 30 -c:a aac -b:a 16k \
        -movflags +faststart -map_metadata -1 -fflags +bitexact -flags:v +bitexact -flags:a +bitexact \
        "$out/$name.mp4"
}

make downloading          "Downloading…"              "Not cached yet. Try again in a few minutes."
make download_failed      "Download failed"           "The debrid service could not fetch this torrent."
make no_matching_file     "No matching file"          "This torrent does not hold the episode you chose."
make 401                  "Access refused"            "The debrid key was rejected. Tell your operator."
make 403                  "Not allowed"               "Device limit reached, or your access was disabled."
make 429                  "Too many requests"         "The debrid service is throttling. Try again shortly."
make 500                  "Something went wrong"      "The debrid service or the pool did not answer."
make payment_required     "Subscription needed"       "The debrid account has no active subscription."
make store_limit_exceeded "Limit reached"             "The debrid account reached its download limit."
make bad_link             "Broken link"               "Reinstall the addon from its configure page."
make busy                 "Busy right now"            "Too many new downloads here. Try again in a few minutes."
make rate_limited         "Too many requests"         "This addon limits requests. Wait a minute, then try again."
make device_limit         "Device limit reached"      "Too many of your devices are in use. Wait, or ask your operator."
make access_disabled      "Access disabled"           "Your access to this addon was disabled. Ask your operator."
make unknown_user         "Unknown user"              "This addon does not know your user ID. Check the configure page."
make sign_in_refused      "Sign-in not accepted"      "This server does not accept this way of signing in. Reinstall."
make pool_unavailable     "Key pool unavailable"      "The key pool did not answer. Try again shortly."
make no_key_available     "No free key"               "Every key in the pool is full or resting. Tell your operator."
make playback_limit       "Too many streams"          "Your shared key plays all the streams it may. Try again later."
ls -la "$out"
