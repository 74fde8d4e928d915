"""boto3 (Debian python3-boto3) against akm: users, keys, last use, caller identity, and the limit and
not-found errors. Reads AKM_ENDPOINT and the AWS_* environment; prints one JSON document of observations
for test/iam/boto3.test.ts to assert on."""
import json
import os
import sys

import boto3
import botocore
from botocore.exceptions import ClientError

ENDPOINT = os.environ["AKM_ENDPOINT"]
out = {"boto3": boto3.__version__, "botocore": botocore.__version__, "boto3_path": boto3.__file__}


def client(service, key=None):
    extra = {}
    if key is not None:
        extra = {"aws_access_key_id": key["AccessKeyId"], "aws_secret_access_key": key["SecretAccessKey"]}
    return boto3.client(service, endpoint_url=ENDPOINT, region_name="us-east-1", **extra)


def error_of(call):
    try:
        call()
    except ClientError as e:
        return {
            "code": e.response["Error"]["Code"],
            "type": e.response["Error"].get("Type"),
            "message": e.response["Error"]["Message"],
            "status": e.response["ResponseMetadata"]["HTTPStatusCode"],
            "request_id": e.response["ResponseMetadata"].get("RequestId"),
            "text": str(e),
        }
    return None


iam = client("iam")
out["created"] = iam.create_user(UserName="py-alice", Path="/py/")["User"]
for name in ("py-p1", "py-p2"):
    iam.create_user(UserName=name)
pages = iam.get_paginator("list_users").paginate(PaginationConfig={"PageSize": 1})
out["paged_users"] = [[u["UserName"] for u in page["Users"]] for page in pages]

first = iam.create_access_key(UserName="py-alice")["AccessKey"]
second = iam.create_access_key(UserName="py-alice")["AccessKey"]
out["key_ids"] = [first["AccessKeyId"], second["AccessKeyId"]]
out["secret_length"] = len(first["SecretAccessKey"])
out["limit"] = error_of(lambda: iam.create_access_key(UserName="py-alice"))
iam.update_access_key(UserName="py-alice", AccessKeyId=second["AccessKeyId"], Status="Inactive")
listed = iam.list_access_keys(UserName="py-alice")
out["listed"] = [[k["AccessKeyId"], k["Status"]] for k in listed["AccessKeyMetadata"]]
out["listed_truncated"] = listed["IsTruncated"]

out["never_used"] = iam.get_access_key_last_used(AccessKeyId=first["AccessKeyId"])["AccessKeyLastUsed"]
out["identity"] = {k: v for k, v in client("sts", first).get_caller_identity().items() if k != "ResponseMetadata"}
used = iam.get_access_key_last_used(AccessKeyId=first["AccessKeyId"])
out["used"] = {"UserName": used["UserName"], **{k: str(v) for k, v in used["AccessKeyLastUsed"].items()}}

out["not_found"] = error_of(lambda: iam.get_user(UserName="nobody"))
out["no_such_key"] = error_of(lambda: iam.delete_access_key(UserName="py-alice", AccessKeyId="AKIAUNKNOWN00000000X"))
out["conflict"] = error_of(lambda: iam.delete_user(UserName="py-alice"))
out["bad_status"] = error_of(
    lambda: iam.update_access_key(UserName="py-alice", AccessKeyId=first["AccessKeyId"], Status="Bogus")
)
for key in (first, second):
    iam.delete_access_key(UserName="py-alice", AccessKeyId=key["AccessKeyId"])
out["empty_keys"] = iam.list_access_keys(UserName="py-alice")["AccessKeyMetadata"]
for name in ("py-alice", "py-p1", "py-p2"):
    iam.delete_user(UserName=name)
out["deleted"] = error_of(lambda: iam.get_user(UserName="py-alice"))["code"]

json.dump(out, sys.stdout, default=str)
