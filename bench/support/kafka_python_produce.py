# kafka-python producing a "key<TAB>value" file, for bench/logs-vs-kcat.ts: acks=all, its default
# (Java-compatible murmur2) partitioner, batches and linger like kcat's defaults.
# Usage: python3 kafka_python_produce.py FILE TOPIC BOOTSTRAP [USER PASSWORD]
import sys
from kafka import KafkaProducer

path, topic, bootstrap = sys.argv[1:4]
auth = {}
if len(sys.argv) > 5:
    auth = dict(security_protocol='SASL_PLAINTEXT', sasl_mechanism='PLAIN',
                sasl_plain_username=sys.argv[4], sasl_plain_password=sys.argv[5])
producer = KafkaProducer(bootstrap_servers=bootstrap.split(','), acks='all', batch_size=262144,
                         linger_ms=5, max_request_size=1048576, **auth)
with open(path, 'rb') as f:
    for line in f:
        key, _, value = line.rstrip(b'\n').partition(b'\t')
        producer.send(topic, key=key, value=value)
producer.flush()
producer.close()
