# kafka-python against the embedded broker: admin, producer, consumer group, SASL.
# Usage: python3 kafka_python_scenario.py BOOTSTRAP SASL_BOOTSTRAP USER PASSWORD  (prints one JSON line)
import json, sys
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.admin import NewTopic

bootstrap, sasl_bootstrap, user, password = sys.argv[1].split(','), sys.argv[2].split(','), sys.argv[3], sys.argv[4]
out = {}

admin = KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=20000)
admin.create_topics([NewTopic('kp-topic', 3, 3)])
out['topics'] = sorted(admin.list_topics())
described = admin.describe_topics(['kp-topic'])[0]
out['partitions'] = len(described['partitions'])
out['replicas'] = sorted(len(p['replica_nodes']) for p in described['partitions'])

producer = KafkaProducer(bootstrap_servers=bootstrap, compression_type='gzip', acks='all')
for i in range(90):
    producer.send('kp-topic', key=('k%d' % (i % 9)).encode(), value=('v%d' % i).encode())
producer.flush()
producer.close()

consumer = KafkaConsumer('kp-topic', bootstrap_servers=bootstrap, group_id='kp-group',
                         auto_offset_reset='earliest', enable_auto_commit=False, consumer_timeout_ms=10000)
values = []
for message in consumer:
    values.append(message.value.decode())
    if len(values) == 90:
        break
consumer.commit()
consumer.close()
out['consumed'] = len(values)
out['distinct'] = len(set(values))

offsets = admin.list_group_offsets('kp-group') if hasattr(admin, 'list_group_offsets') else admin.list_consumer_group_offsets('kp-group')
if 'kp-group' in offsets:  # kafka-python 3 answers per group
    offsets = offsets['kp-group']
out['committed'] = sum(o.offset for o in offsets.values())
admin.delete_topics(['kp-topic'])
out['after_delete'] = 'kp-topic' in admin.list_topics()
admin.close()

secured = KafkaAdminClient(bootstrap_servers=sasl_bootstrap, security_protocol='SASL_PLAINTEXT', sasl_mechanism='PLAIN',
                           sasl_plain_username=user, sasl_plain_password=password, request_timeout_ms=20000)
out['sasl_topics'] = secured.list_topics()
secured.close()
print(json.dumps(out))
